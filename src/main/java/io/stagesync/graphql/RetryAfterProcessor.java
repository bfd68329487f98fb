package io.stagesync.graphql;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * Runs when a request fails, before Camel waits to retry it: a {@code Retry-After} in the answer becomes the next
 * delay ({@code CamelRedeliveryDelay}); without one the configured backoff applies.
 */
public final class RetryAfterProcessor implements Processor {

    private final RetryAfterDelay delay;

    public RetryAfterProcessor(RetryAfterDelay delay) {
        this.delay = delay;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Long millis = failure instanceof HttpOperationFailedException http ? delay.delayMillis(http.getResponseHeaders()) : null;
        if (millis == null) {
            exchange.getMessage().removeHeader(Exchange.REDELIVERY_DELAY);
        } else {
            exchange.getMessage().setHeader(Exchange.REDELIVERY_DELAY, millis);
        }
    }
}
