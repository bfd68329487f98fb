package io.stagesync.jobs;

import io.stagesync.config.StageRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backup and restore job requests without Camel, as the properties, a job file or the API give them. */
class BackupJobParserTest {

    private final JobRequestParser parser = new JobRequestParser(new StagePairRules(new StageRegistry(Map.of(
            "stagesync.stages.production.content-api", "http://cms/production",
            "stagesync.stages.production.protected", "true",
            "stagesync.stages.staging.content-api", "http://cms/staging",
            "stagesync.stages.staging.parent", "production"))), stage -> List.of("Hotel"));

    @Test
    void should_take_a_backup_job_from_the_properties_with_its_stage_as_target() {
        // when
        JobDefinition job = parser.parse(Map.of("name", "nightly-backup", "type", "backup", "target", "production",
                "schedule", "daily", "options", Map.of("profile", "user-generated")), JobCatalog.FROM_PROPERTIES, "properties", Set.of());

        // then
        assertThat(job.type()).isEqualTo(JobDefinition.BACKUP);
        assertThat(job.base()).isEqualTo("production");
        assertThat(job.target()).isEqualTo("production");
        assertThat(job.options()).containsEntry("profile", "user-generated");
    }

    @Test
    void should_read_a_restore_job_with_its_base_the_profile_and_its_models_as_a_list() {
        // when
        JobDefinition job = parser.parse(Map.of("name", "restore", "type", "restore", "target", "staging",
                "options", Map.of("profile", "clean-db", "snapshot", "20261205T003015.123Z", "models", "Hotel, Asset")), "api", "alice", Set.of());

        // then
        assertThat(job.base()).isEqualTo("backup:clean-db");
        assertThat(job.options()).containsEntry("models", List.of("Hotel", "Asset")).containsEntry("type", "restore");
    }

    @Test
    void should_refuse_a_stage_field_on_other_jobs_and_an_unknown_option() {
        assertThatThrownBy(() -> parser.parse(Map.of("name", "x", "stage", "staging", "base", "production", "target", "staging"),
                "api", "alice", Set.of())).hasMessageStartingWith("stage: is the stage of a backup job");
        assertThatThrownBy(() -> parser.parse(Map.of("name", "y", "type", "backup", "stage", "staging",
                "options", Map.of("profile", "p", "full", true)), "api", "alice", Set.of()))
                .hasMessageStartingWith("options.full: unknown option of a backup job; allowed options: type, profile");
        assertThatThrownBy(() -> parser.parse(Map.of("name", "z", "type", "backup", "stage", "nowhere",
                "options", Map.of("profile", "p")), "api", "alice", Set.of())).hasMessageStartingWith("stage: unknown stage 'nowhere'");
    }
}
