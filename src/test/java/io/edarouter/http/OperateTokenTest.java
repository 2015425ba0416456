package io.edarouter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The operate endpoints are open until a token is set, then need it. */
class OperateTokenTest {

    private final CamelContext context = new DefaultCamelContext();

    @Test
    void withoutATokenSetEveryRequestPasses() {
        Exchange exchange = new DefaultExchange(context);

        new OperateToken("").process(exchange);

        assertThat(exchange.isRouteStop()).isFalse();
    }

    @Test
    void withATokenSetOnlyTheBearerOfItPasses() {
        OperateToken guard = new OperateToken("s3cret");
        Exchange none = new DefaultExchange(context);
        Exchange wrong = new DefaultExchange(context);
        wrong.getMessage().setHeader("Authorization", "Bearer guess");
        Exchange right = new DefaultExchange(context);
        right.getMessage().setHeader("Authorization", "Bearer s3cret");

        guard.process(none);
        guard.process(wrong);
        guard.process(right);

        assertThat(none.isRouteStop()).isTrue();
        assertThat(none.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(401);
        assertThat(wrong.isRouteStop()).isTrue();
        assertThat(right.isRouteStop()).isFalse();
    }

    @Test
    void theLiveTailAlsoTakesTheTokenAsAQueryParameterButAHeaderThatIsWrongStaysWrong() {
        OperateToken guard = new OperateToken("s3cret");

        assertThat(guard.accepts(null, "s3cret")).isTrue();
        assertThat(guard.accepts(null, "guess")).isFalse();
        assertThat(guard.accepts(null, null)).isFalse();
        assertThat(guard.accepts("Bearer guess", "s3cret")).isFalse();
        assertThat(new OperateToken("").accepts(null, null)).isTrue();
    }
}
