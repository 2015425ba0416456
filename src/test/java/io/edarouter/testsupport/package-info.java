/**
 * Real brokers and databases for the integration tests ({@code *IT}, run by failsafe in {@code mvn verify}), and the
 * router and Camel set-ups the tests share, as JUnit 5 extensions a test class asks for with
 * {@code @RegisterExtension}.
 *
 * <ul>
 *   <li>{@link io.edarouter.testsupport.KafkaTestBroker#shared()}: a KRaft Kafka broker in a JVM of its own,
 *       {@code kill()} / {@code restart()} to test crash recovery.</li>
 *   <li>{@link io.edarouter.testsupport.PulsarTestBroker#shared()}: Pulsar standalone from the distribution
 *       the build unpacks into {@code target/pulsar}; a test that crashes Pulsar takes a
 *       {@link io.edarouter.testsupport.PulsarTestBroker.Dedicated @Dedicated} broker parameter, so the shared one
 *       is never killed.</li>
 *   <li>{@link io.edarouter.testsupport.PostgresTestDatabase#shared()}: the local PostgreSQL, a fresh database per
 *       {@code newDatabase()}.</li>
 *   <li>{@link io.edarouter.testsupport.RouterRun}: the keys of a router on those servers (which it asks for), with
 *       topics, group and database of its own; {@link io.edarouter.testsupport.RouterHarness} (in this JVM),
 *       {@link io.edarouter.testsupport.RouterProcess} (a JVM of its own) and
 *       {@link io.edarouter.testsupport.UserFolderRouter} ({@code java -jar} in a user's folder) start a router on
 *       them, for one test or, with {@code forClass}, for the tests of a class.</li>
 *   <li>{@link io.edarouter.testsupport.CamelStoreContext}: a plain CamelContext with {@code eventstore:} on a fresh
 *       H2 (or PostgreSQL) database per test.</li>
 * </ul>
 *
 * <p>Each server is started once per test JVM, by the first test class that asks for it, on free ports, and stopped
 * at the end of the run (or by a shutdown hook when the run is cut short); its output is in
 * {@code target/it-kafka/<run>/broker.log} or {@code target/it-pulsar/<run>/standalone.log}. A broker whose test JVM
 * was killed before it could stop it is killed by the next run.
 */
package io.edarouter.testsupport;
