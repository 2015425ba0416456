package io.edarouter.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server every test class of the JVM shares, as a JUnit 5 extension (camel test-infra's singleton service): a
 * class asks for it with {@code @RegisterExtension static final X x = X.shared();}, the first class that runs starts
 * it, and the end of the test run stops it. A JVM shutdown hook stops it too, for a run that is cut short and for
 * code outside JUnit (a benchmark's {@code main}), which calls {@link #started()}.
 *
 * @param <S> the server's own type, which {@link #started()} returns
 */
public abstract class SharedTestServer<S extends SharedTestServer<S>> implements BeforeAllCallback {

    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(SharedTestServer.class);

    private final String name;
    private boolean hooked;
    private boolean started;

    protected SharedTestServer(String name) {
        this.name = name;
    }

    @Override
    public final void beforeAll(ExtensionContext context) {
        started();
        // the root context closes its store when the whole run ends, not when this class's tests end
        context.getRoot().getStore(SHARED).getOrComputeIfAbsent(name, key -> (AutoCloseable) this::stop);
    }

    /** This server, started if nothing has started it yet. */
    @SuppressWarnings("unchecked")
    public final synchronized S started() {
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, name + "-stop"));
            hooked = true;
        }
        if (!started) {
            start();
            started = true;
        }
        return (S) this;
    }

    /** Starts the server (called once). */
    protected abstract void start();

    /** Stops the server and removes what it left (called at the end of the run and again by the shutdown hook). */
    protected abstract void stop();
}
