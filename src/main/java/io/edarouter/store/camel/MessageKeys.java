package io.edarouter.store.camel;

import org.apache.camel.Message;

/**
 * Sets the key a message is sent with, in the headers the producer of its endpoint reads (a Kafka record key, a
 * Pulsar message key). The store component knows no broker: the router's pipeline provides the implementation
 * ({@code META-INF/services/io.edarouter.store.camel.MessageKeys}); the component's {@code messageKeys} option
 * replaces it.
 */
@FunctionalInterface
public interface MessageKeys {

    /** Sends messages without a key. */
    MessageKeys NONE = (message, key) -> { };

    void setKey(Message message, String key);
}
