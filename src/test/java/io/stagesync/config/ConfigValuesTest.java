package io.stagesync.config;

import io.stagesync.state.IdMapRepository;
import io.stagesync.state.StateStore;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValuesTest {

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
    void should_fall_back_on_a_blank_property_and_name_the_key_of_a_bad_number() {
        // given
        properties("stagesync.sync.page-size", "  ", "stagesync.sync.batch-size", "many");

        // when
        int pageSize = ConfigValues.integer(camel, "stagesync.sync.page-size", "100");

        // then
        assertThat(pageSize).isEqualTo(100);
        assertThatThrownBy(() -> ConfigValues.integer(camel, "stagesync.sync.batch-size", "25"))
                .hasMessage("stagesync.sync.batch-size must be a whole number, got: many");
    }
}
