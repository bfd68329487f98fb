package io.stagesync.jobs;

import io.stagesync.config.StageRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The stage pair rules without Camel: which stage may be synced into which. */
class StagePairRulesTest {

    private final StagePairRules rules = new StagePairRules(new StageRegistry(Map.of(
            "stagesync.stages.production.content-api", "http://cms/production",
            "stagesync.stages.production.protected", "true",
            "stagesync.stages.staging.content-api", "http://cms/staging",
            "stagesync.stages.staging.parent", "production",
            "stagesync.stages.sandbox.content-api", "http://cms/sandbox")));

    @Test
    void should_allow_a_stage_to_take_data_from_its_parent_or_any_stage_when_it_has_none() {
        assertThatCode(() -> rules.check("production", "staging")).doesNotThrowAnyException();
        assertThatCode(() -> rules.check("staging", "sandbox")).doesNotThrowAnyException();
    }

    @Test
    void should_refuse_each_broken_rule_naming_the_field() {
        assertThatThrownBy(() -> rules.check("staging", "staging")).hasMessage("target: must differ from base (both are 'staging')");
        assertThatThrownBy(() -> rules.check("staging", "production")).hasMessageStartingWith("target: 'production' is a protected stage");
        assertThatThrownBy(() -> rules.check("sandbox", "staging")).hasMessageStartingWith("base: 'staging' takes data only from its parent 'production'");
        assertThatThrownBy(() -> rules.check("nowhere", "staging")).hasMessageStartingWith("base: unknown stage 'nowhere'");
        assertThatThrownBy(() -> rules.check("production", "nowhere")).hasMessageStartingWith("target: unknown stage 'nowhere'");
    }
}
