package io.stagesync.migrate;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The loaded migration steps per model, in version order, and which of them an entry still needs. */
public final class MigrationCatalog {

    private final Map<String, List<MigrationStep>> byModel = new LinkedHashMap<>();

    public MigrationCatalog(Collection<MigrationStep> steps) {
        steps.stream().sorted(java.util.Comparator.comparing(MigrationStep::model).thenComparing(MigrationStep::version))
                .forEach(s -> byModel.computeIfAbsent(s.model(), m -> new java.util.ArrayList<>()).add(s));
        byModel.replaceAll((m, l) -> List.copyOf(l));
    }

    /** The model's steps in version order (empty when it has none). */
    public List<MigrationStep> steps(String model) {
        return byModel.getOrDefault(model, List.of());
    }

    public Set<String> models() {
        return byModel.keySet();
    }

    /** The steps up to {@code to} (null: all) whose version is not among {@code applied}, in version order. */
    public List<MigrationStep> pending(String model, Set<String> applied, SemVer to) {
        return steps(model).stream().filter(s -> to == null || s.version().compareTo(to) <= 0)
                .filter(s -> !applied.contains(s.version().toString())).toList();
    }
}
