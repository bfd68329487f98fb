package io.stagesync.jobs;

import io.stagesync.config.StageRegistry;
import io.stagesync.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Job definitions from properties, the API and files, stored in the state store. */
class JobCatalogTest {

    private final StateStore store = new StateStore("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final JobCatalog catalog = new JobCatalog(new JobRepository(store.dataSource()), new JobRequestParser(
            new StagePairRules(new StageRegistry(Map.of(
                    "stagesync.stages.production.content-api", "http://cms/production",
                    "stagesync.stages.production.protected", "true",
                    "stagesync.stages.staging.content-api", "http://cms/staging",
                    "stagesync.stages.staging.parent", "production"))), stage -> java.util.List.of("Hotel", "Review")));

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_load_jobs_from_properties_and_drop_the_ones_no_longer_there() {
        // given
        List<String> scheduled = new ArrayList<>();
        List<String> unscheduled = new ArrayList<>();
        catalog.listen(job -> scheduled.add(job.name()), unscheduled::add);
        catalog.loadProperties(Map.of("stagesync.jobs.nightly.base", "production", "stagesync.jobs.nightly.target", "staging",
                "stagesync.jobs.nightly.schedule", "daily", "stagesync.jobs.nightly.options.models", "Hotel,Review",
                "stagesync.jobs.inbox", "inbox"));

        // when
        JobDefinition nightly = catalog.get("nightly");
        catalog.loadProperties(Map.of());

        // then
        assertThat(nightly.base()).isEqualTo("production");
        assertThat(nightly.schedule()).isEqualTo("daily");
        assertThat(nightly.options()).containsEntry("models", "Hotel,Review");
        assertThat(nightly.source()).isEqualTo("properties");
        assertThat(scheduled).containsExactly("nightly");
        assertThat(unscheduled).containsExactly("nightly");
        assertThat(catalog.list()).isEmpty();
    }

    @Test
    void should_load_a_schema_apply_job_from_properties() {
        // when
        catalog.loadProperties(Map.of("stagesync.jobs.schema.type", "schema-apply", "stagesync.jobs.schema.base", "production",
                "stagesync.jobs.schema.target", "staging", "stagesync.jobs.schema.options.allowDeletes", "true"));

        // then
        JobDefinition job = catalog.get("schema");
        assertThat(job.type()).isEqualTo("schema-apply");
        assertThat(job.toMap()).containsEntry("type", "schema-apply");
        assertThat(job.options()).containsEntry("allowDeletes", true);
        assertThatThrownBy(() -> catalog.loadProperties(Map.of("stagesync.jobs.bad.type", "deploy", "stagesync.jobs.bad.base", "production",
                "stagesync.jobs.bad.target", "staging")))
                .hasMessageContaining("stagesync.jobs.bad.type: must be one of sync, schema-apply, migrate");
    }

    @Test
    void should_refuse_an_invalid_job_in_the_properties_naming_its_key() {
        assertThatThrownBy(() -> catalog.loadProperties(Map.of("stagesync.jobs.backwards.base", "staging",
                "stagesync.jobs.backwards.target", "production")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stagesync.jobs.backwards.target: 'production' is a protected stage");
    }

    @Test
    void should_replace_a_job_from_a_file_but_not_one_from_the_api_or_the_properties() {
        // given
        catalog.create(Map.of("name", "a", "base", "production", "target", "staging"), "api", "api", false, Set.of());
        catalog.loadProperties(Map.of("stagesync.jobs.p.base", "production", "stagesync.jobs.p.target", "staging"));

        // when
        JobDefinition replaced = catalog.create(Map.of("name", "a", "base", "production", "target", "staging",
                "schedule", "hourly"), "file", "file:a.json", true, Set.of());

        // then
        assertThat(replaced.schedule()).isEqualTo("hourly");
        assertThatThrownBy(() -> catalog.create(Map.of("name", "a", "base", "production", "target", "staging"), "api", "api", false, Set.of()))
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> catalog.create(Map.of("name", "p", "base", "production", "target", "staging"), "file", "f", true, Set.of()))
                .hasMessageContaining("is defined in the properties");
        assertThatThrownBy(() -> catalog.delete("p", false)).hasMessageContaining("remove stagesync.jobs.p.* there");
    }
}
