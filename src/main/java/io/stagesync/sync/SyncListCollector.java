package io.stagesync.sync;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the non-null bodies of a split into one list body (the skipped entries' null bodies drop out), and
 * leaves an empty list when nothing was collected.
 */
public final class SyncListCollector implements AggregationStrategy {

    @Override
    @SuppressWarnings("unchecked")
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        Exchange result = oldExchange == null ? newExchange : oldExchange;
        List<Object> list = oldExchange == null ? new ArrayList<>() : oldExchange.getIn().getBody(List.class);
        Object body = newExchange.getIn().getBody();
        if (body != null) {
            list.add(body);
        }
        result.getIn().setBody(list);
        return result;
    }

    @Override
    public void onCompletion(Exchange exchange, Exchange inputExchange) {
        if (exchange != null && !(exchange.getIn().getBody() instanceof List)) {
            exchange.getIn().setBody(new ArrayList<>());
        }
    }
}
