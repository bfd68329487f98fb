package io.stagesync.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Model names from a user matched to a stage's models. */
class ModelNamesTest {

    private static final List<String> MODELS = List.of("Asset", "Destination", "Hotel", "Review");

    @Test
    void should_match_ignoring_case_and_keep_the_stage_spelling_once() {
        assertThat(ModelNames.resolve(List.of("hotel", " REVIEW", "Hotel"), MODELS, "--models")).containsExactly("Hotel", "Review");
    }

    @Test
    void should_name_the_closest_model_of_an_unknown_name() {
        assertThatThrownBy(() -> ModelNames.resolve(List.of("Hotels"), MODELS, "--models"))
                .isInstanceOf(PreflightException.class)
                .hasMessage("unknown model 'Hotels' in --models; did you mean 'Hotel'? (models of the source: Asset, Destination, Hotel, Review)");
        assertThatThrownBy(() -> ModelNames.resolve(List.of("Revue"), MODELS, "options.models"))
                .hasMessageStartingWith("unknown model 'Revue' in options.models; did you mean 'Review'?");
    }

    @Test
    void should_suggest_nothing_for_a_name_unlike_any_model() {
        assertThatThrownBy(() -> ModelNames.resolve(List.of("Invoice"), MODELS, "--models"))
                .hasMessageStartingWith("unknown model 'Invoice' in --models (models of the source:");
    }
}
