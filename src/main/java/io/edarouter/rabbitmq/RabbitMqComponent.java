package io.edarouter.rabbitmq;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eda-rabbitmq:} component, on RabbitMQ's own AMQP 0-9-1 client: a consumer that acknowledges a message
 * only when told to ({@link RabbitMqReceipt}: the pipeline does once the message's batch is stored and dispatched)
 * and a producer that completes a send only when the broker confirmed it (publisher confirms). The server is the
 * component's ({@code camel.component.eda-rabbitmq.host} and the others); an option left unset is the client's
 * default (localhost:5672, guest/guest, vhost {@code /}).
 *
 * <pre>
 * - from: {uri: "eda-rabbitmq:orders?prefetch=1000", steps: [...]}     # body: the message's bytes
 * - to: "eda-rabbitmq:inventory"                                       # exchange; routing key: header EdaRabbitMqRoutingKey
 * </pre>
 *
 * Automatic recovery of the client is off on purpose: after a reconnection the delivery tags start again, and an
 * acknowledgement of a message from before would settle another one. A lost connection fails its sends and gives
 * its unacknowledged messages back to the queue; the consumer connects again.
 */
@org.apache.camel.spi.annotations.Component(RabbitMqComponent.SCHEME)
public class RabbitMqComponent extends DefaultComponent {

    public static final String SCHEME = "eda-rabbitmq";

    private static final Logger LOG = LoggerFactory.getLogger(RabbitMqComponent.class);

    /** The server's host; unset: the client's default (localhost). */
    @Metadata
    private String host;
    /** The server's AMQP port; 0: the client's default (5672). */
    @Metadata
    private int port;
    /** The user; unset: the client's default (guest). */
    @Metadata
    private String username;
    /** The user's password; unset: the client's default (guest). */
    @Metadata(secret = true)
    private String password;
    /** The virtual host; unset: the client's default ({@code /}). */
    @Metadata
    private String virtualHost;

    private Connection producerConnection;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("eda-rabbitmq: needs a queue or exchange name, e.g. eda-rabbitmq:orders");
        }
        RabbitMqConfiguration configuration = new RabbitMqConfiguration();
        configuration.setName(remaining);
        RabbitMqEndpoint endpoint = new RabbitMqEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        if (configuration.getPrefetch() < 1) {
            throw new IllegalArgumentException("eda-rabbitmq:" + remaining + ": prefetch must be at least 1, was "
                    + configuration.getPrefetch());
        }
        return endpoint;
    }

    /** A new connection of its own (a consumer's: closing it gives back what it did not acknowledge). */
    Connection newConnection(String purpose) throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        if (host != null && !host.isBlank()) {
            factory.setHost(host);
        }
        if (port > 0) {
            factory.setPort(port);
        }
        if (username != null && !username.isBlank()) {
            factory.setUsername(username);
        }
        if (password != null && !password.isEmpty()) {
            factory.setPassword(password);
        }
        if (virtualHost != null && !virtualHost.isBlank()) {
            factory.setVirtualHost(virtualHost);
        }
        factory.setAutomaticRecoveryEnabled(false);
        factory.setTopologyRecoveryEnabled(false);
        Connection connection = factory.newConnection("eda-router " + purpose);
        LOG.info("eda-rabbitmq: connected to {}:{} for {}", factory.getHost(), factory.getPort(), purpose);
        return connection;
    }

    /** The connection the producers share (one channel each), opened again when it was lost. */
    synchronized Connection producerConnection() throws IOException, TimeoutException {
        if (producerConnection == null || !producerConnection.isOpen()) {
            producerConnection = newConnection("publishing");
        }
        return producerConnection;
    }

    @Override
    protected void doStop() throws Exception {
        synchronized (this) {
            if (producerConnection != null && producerConnection.isOpen()) {
                producerConnection.close();
            }
            producerConnection = null;
        }
        super.doStop();
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getVirtualHost() {
        return virtualHost;
    }

    public void setVirtualHost(String virtualHost) {
        this.virtualHost = virtualHost;
    }
}
