package io.edarouter.ingest;

import io.edarouter.broker.BrokerHeaders;
import io.edarouter.store.camel.MessageKeys;
import org.apache.camel.Message;

/**
 * Keys a message for the brokers the router sends to: the Kafka record key and the Pulsar message key, so a
 * stream's messages stay in one partition, in order. The {@code eventstore:} component keys its subscribers' dead
 * letters with it ({@code META-INF/services/io.edarouter.store.camel.MessageKeys}).
 */
public final class BrokerMessageKeys implements MessageKeys {

    @Override
    public void setKey(Message message, String key) {
        BrokerHeaders.setKey(message, key);
    }
}
