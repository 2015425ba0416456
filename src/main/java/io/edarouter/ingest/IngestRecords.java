package io.edarouter.ingest;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import io.edarouter.event.Event;
import io.edarouter.event.EventBatch;
import io.edarouter.event.EventDataFormat;
import io.edarouter.event.InvalidEventException;
import io.edarouter.schema.SchemaValidation;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.support.service.ServiceHelper;

/**
 * The first step of ingest: turns what the broker delivered (a Kafka batch, a {@code List<Exchange>}, or one
 * record) into the {@code List<Event>} to append. Each record is decoded and validated by the {@code eda-event}
 * data format; an invalid one is dead-lettered on its own, with its original bytes and headers, and the rest go
 * on. Registers {@link IngestCommit}, so offsets are committed (Kafka) or messages acknowledged (Pulsar) only
 * when the whole exchange, append and dispatch included, has completed.
 *
 * <p>Afterwards the exchange carries an {@link EventBatch}: the valid events and their records. When every record
 * was invalid the batch is empty, and an empty batch is a normal one: the steps after this one pass it on with
 * nothing to do, so the exchange completes and the dead-lettered records are committed, not read again.
 */
public class IngestRecords implements Processor {

    /** Exchange property: every record of the exchange ({@code List<Exchange>}), the invalid ones included. */
    static final String RECORDS = "EdaIngestRecords";

    private final IngestDeadLetter deadLetter = new IngestDeadLetter();
    private volatile DataFormat format;
    private volatile SchemaValidation schemas;

    @Override
    public void process(Exchange exchange) throws Exception {
        List<Exchange> records = records(exchange);
        exchange.setProperty(RECORDS, records);
        exchange.getExchangeExtension().addOnCompletion(new IngestCommit(records));
        DataFormat decoder = format(exchange.getContext());
        List<Event> events = new ArrayList<>(records.size());
        List<Exchange> accepted = new ArrayList<>(records.size());
        for (Exchange record : records) {
            try {
                byte[] bytes = record.getMessage().getBody(byte[].class);
                if (bytes == null) {
                    bytes = new byte[0];
                }
                // the bytes converted once (a Kafka record's body is text); no MDC entry and completion per record
                Event event = decoder instanceof EventDataFormat eventFormat ? eventFormat.decode(record, bytes)
                        : (Event) decoder.unmarshal(record, new ByteArrayInputStream(bytes));
                // the data against its type's schema (eda.schemas.mode): refused at stage schema, dead-lettered as is
                schemas(exchange.getContext()).check(event);
                events.add(event);
                accepted.add(record);
            } catch (InvalidEventException invalid) {
                deadLetter.send(exchange, record, invalid);
            }
        }
        EventDataFormat.clearMdc();
        EventBatch.set(exchange, events, accepted);
    }

    /**
     * The records of a batch (none for an empty one), or the exchange's own record (a copy, so the body can become
     * the event list).
     */
    static List<Exchange> records(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof List<?> list && list.stream().allMatch(Exchange.class::isInstance)) {
            return list.stream().map(Exchange.class::cast).toList();
        }
        return List.of(exchange.copy());
    }

    private SchemaValidation schemas(CamelContext context) {
        SchemaValidation s = schemas;
        if (s == null) {
            s = SchemaValidation.of(context);
            schemas = s;
        }
        return s;
    }

    private DataFormat format(CamelContext context) {
        DataFormat f = format;
        if (f == null) {
            synchronized (this) {
                if (format == null) {
                    DataFormat resolved = context.resolveDataFormat(EventDataFormat.NAME);
                    ServiceHelper.startService(resolved);
                    format = resolved;
                }
                f = format;
            }
        }
        return f;
    }
}
