/**
 * Real brokers and databases for the integration tests ({@code *IT}, run by failsafe in {@code mvn verify}).
 *
 * <ul>
 *   <li>{@link io.edarouter.testsupport.KafkaTestBroker#shared()}: a KRaft Kafka broker in a JVM of its own,
 *       {@code kill()} / {@code restart()} to test crash recovery.</li>
 *   <li>{@link io.edarouter.testsupport.PulsarTestBroker#shared()}: Pulsar standalone from the distribution
 *       the build unpacks into {@code target/pulsar}; a test that crashes Pulsar takes
 *       {@link io.edarouter.testsupport.PulsarTestBroker#dedicated()}, so the shared one is never killed.</li>
 *   <li>{@link io.edarouter.testsupport.PostgresTestDatabase#jdbcUrl()}: a fresh database on the local
 *       PostgreSQL per call.</li>
 * </ul>
 *
 * <p>Each broker is started once per test JVM on first use, on free ports, and stopped by a shutdown hook;
 * its output is in {@code target/it-kafka/<run>/broker.log} or {@code target/it-pulsar/<run>/standalone.log}.
 * A broker whose test JVM was killed before it could stop it is killed by the next run.
 */
package io.edarouter.testsupport;
