package io.edarouter.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the AWS SDK calls of this JVM by operation ({@code PutRecords}, {@code SendMessageBatch}): a global
 * interceptor (listed in {@code software/amazon/awssdk/global/handlers/execution.interceptors} on the test class
 * path), so the router's own clients, built by its components, are counted as they are.
 */
public final class AwsCallCounter implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    /** The calls of the operation so far. */
    static int calls(String operation) {
        AtomicInteger calls = CALLS.get(operation);
        return calls == null ? 0 : calls.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), name -> new AtomicInteger())
                .incrementAndGet();
    }
}
