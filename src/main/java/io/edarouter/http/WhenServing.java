package io.edarouter.http;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * Installs something on the HTTP server once it serves: when the context has fully started (camel-main's server
 * listens by then), or at once for routes added to a context that is running already.
 */
abstract class WhenServing implements ExtendedStartupListener {

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            install(context);
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        install(context);
    }

    abstract void install(CamelContext context);
}
