package io.edarouter.routing;

import org.apache.camel.Expression;
import org.apache.camel.Predicate;
import org.apache.camel.support.LanguageSupport;

/**
 * The {@code event-pattern} language: EventBridge event patterns wherever a Camel predicate goes.
 *
 * <pre>
 * - filter:
 *     language:
 *       language: event-pattern
 *       expression: '{"eventType": ["OrderCreated"]}'
 * </pre>
 */
public class EventPatternLanguage extends LanguageSupport {

    public static final String NAME = "event-pattern";

    @Override
    public Predicate createPredicate(String expression) {
        return EventPattern.compile(loadResource(expression));
    }

    @Override
    public Expression createExpression(String expression) {
        return EventPattern.compile(loadResource(expression));
    }
}
