package io.edarouter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** A JSON body: declared as JSON or not declared, and its parser's complaints without the parser's internals. */
class JsonBodyTest {

    private final CamelContext context = new DefaultCamelContext();

    @Test
    void jsonMediaTypesAndAMissingContentTypePassOthersAre415() {
        for (String accepted : new String[] {null, "application/json", "application/json; charset=utf-8",
                "application/cloudevents+json", "Application/JSON"}) {
            assertThatCode(() -> new JsonBody().process(withContentType(accepted))).as(accepted).doesNotThrowAnyException();
        }

        assertThatThrownBy(() -> new JsonBody().process(withContentType("application/x-www-form-urlencoded")))
                .isInstanceOfSatisfying(HttpError.class, e -> {
                    assertThat(e.status()).isEqualTo(415);
                    assertThat(e.detail()).contains("application/x-www-form-urlencoded", "application/json");
                });
    }

    @Test
    void aParserMessageKeepsItsFirstLineAndThePositionOfItsSourceReference() {
        String jackson = "Unexpected close marker '}': expected ']' (for Array starting at [Source: REDACTED "
                + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])\n"
                + " at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 3]";

        assertThat(JsonBody.withoutParserInternals(jackson))
                .isEqualTo("Unexpected close marker '}': expected ']' (for Array starting at line 1, column 1)");
    }

    private Exchange withContentType(String contentType) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        return exchange;
    }
}
