package io.stagesync.config;

import io.stagesync.graphql.StageRateLimiter;
import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SharedBeansTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void close() throws Exception {
        StateStore store = camel.getRegistry().lookupByNameAndType("stateStore", StateStore.class);
        if (store != null) {
            store.close();
        }
        camel.close();
    }

    private void properties(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        camel.getPropertiesComponent().setInitialProperties(p);
    }

    @Test
    void should_create_each_shared_bean_once_and_hand_out_the_same_one() {
        // given
        properties("stagesync.state.url", "jdbc:h2:mem:shared-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "stagesync.stages.prod.content-api", "http://127.0.0.1:1/prod", "stagesync.stages.prod.rate-limit", "5");

        // when
        IdMapRepository idMap = SharedBeans.idMapRepository(camel);
        StageRateLimiter limiter = SharedBeans.stageRateLimiter(camel);

        // then
        assertThat(SharedBeans.idMapRepository(camel)).isSameAs(idMap);
        assertThat(SharedBeans.stageRateLimiter(camel)).isSameAs(limiter)
                .isSameAs(camel.getRegistry().lookupByNameAndType("stageRateLimiter", StageRateLimiter.class));
        assertThat(SharedBeans.stateStore(camel)).isSameAs(camel.getRegistry().lookupByNameAndType("stateStore", StateStore.class));
        assertThat(SharedBeans.stageRegistry(camel).get("prod").rateLimit()).isEqualTo(5.0);
    }

    @Test
    void should_use_a_bean_another_part_bound_first() {
        // given
        StageRegistry bound = new StageRegistry(java.util.Map.of("stagesync.stages.qa.content-api", "http://127.0.0.1:1/qa"));
        camel.getRegistry().bind("stageRegistry", bound);

        // when
        StageRegistry found = SharedBeans.stageRegistry(camel);

        // then
        assertThat(found).isSameAs(bound);
    }

    @Test
    void should_fall_back_on_a_blank_property_and_name_the_key_of_a_bad_number() {
        // given
        properties("stagesync.sync.page-size", "  ", "stagesync.sync.batch-size", "many");

        // when
        int pageSize = SharedBeans.integer(camel, "stagesync.sync.page-size", "100");

        // then
        assertThat(pageSize).isEqualTo(100);
        assertThatThrownBy(() -> SharedBeans.integer(camel, "stagesync.sync.batch-size", "25"))
                .hasMessage("stagesync.sync.batch-size must be a whole number, got: many");
    }
}
