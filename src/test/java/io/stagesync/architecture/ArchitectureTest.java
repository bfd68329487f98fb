package io.stagesync.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package rules of the dialect seam and of devstage, checked on the compiled product classes. */
class ArchitectureTest {

    /** Words that only a Hygraph GraphQL document or answer contains. */
    static final List<String> HYGRAPH_MARKERS = List.of("WhereInput", "CreateInput", "UpdateInput", "stage: DRAFT",
            "stage: PUBLISHED", "documentInStages", "publishMany", "unpublishMany", "Connection(", "pageInfo",
            "requestPostData", "ASSET_UPLOAD", "ASSET_ERROR", "updatedAt_gt", "id_in", "createAsset", "mutation ");

    /** Words that only a Directus GraphQL document, REST path or schema snapshot contains. */
    static final List<String> DIRECTUS_MARKERS = List.of("_aggregated", "_filter", "_items(", "_item(", "directus_",
            "/schema/snapshot", "/graphql/system", "junction_field", "one_field", "date-updated");

    private static JavaClasses product;

    @BeforeAll
    static void importProduct() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.stagesync");
    }

    @Test
    void should_keep_hygraph_query_text_inside_the_hygraph_package() {
        // given / when / then: devstage serves Hygraph's API, so it may name its types
        classes().that().resideOutsideOfPackages("io.stagesync.hygraph..", "io.stagesync.devstage..")
                .should(containNoneOf(HYGRAPH_MARKERS))
                .check(product);
    }

    @Test
    void should_keep_hygraph_query_text_out_of_the_routes() throws IOException {
        // given
        List<java.nio.file.Path> routes;
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("routes"))) {
            routes = files.filter(f -> f.toString().endsWith(".camel.yaml")).toList();
        }

        // when / then
        org.assertj.core.api.Assertions.assertThat(routes).isNotEmpty().allSatisfy(route -> {
            String text = java.nio.file.Files.readString(route);
            org.assertj.core.api.Assertions.assertThat(HYGRAPH_MARKERS).as(route.toString()).noneMatch(text::contains);
        });
    }

    @Test
    void should_reach_the_hygraph_dialect_only_from_configuration_classes() {
        // given / when / then
        noClasses().that().resideOutsideOfPackage("io.stagesync.hygraph..")
                .and().areNotAnnotatedWith(org.apache.camel.Configuration.class)
                .should().dependOnClassesThat().resideInAPackage("io.stagesync.hygraph..")
                .check(product);
    }

    @Test
    void should_keep_directus_api_text_inside_the_directus_package() {
        // given / when / then
        classes().that().resideOutsideOfPackages("io.stagesync.directus..")
                .should(containNoneOf(DIRECTUS_MARKERS))
                .check(product);
    }

    @Test
    void should_keep_every_hygraph_name_out_of_the_directus_package() {
        // given / when / then: no Hygraph class, query text or word in the Directus dialect
        List<String> hygraph = new java.util.ArrayList<>(HYGRAPH_MARKERS);
        hygraph.addAll(List.of("Hygraph", "hygraph"));
        classes().that().resideInAPackage("io.stagesync.directus..")
                .should(containNoneOf(hygraph))
                .check(product);
    }

    @Test
    void should_reach_the_directus_dialect_only_from_configuration_classes_and_the_demo_command() {
        // given / when / then
        noClasses().that().resideOutsideOfPackage("io.stagesync.directus..")
                .and().areNotAnnotatedWith(org.apache.camel.Configuration.class)
                .and().doNotHaveFullyQualifiedName("io.stagesync.cli.DirectusDemoCommand")
                .should().dependOnClassesThat().resideInAPackage("io.stagesync.directus..")
                .check(product);
    }

    @Test
    void should_let_devstage_import_nothing_from_the_product() {
        // given / when / then
        noClasses().that().resideInAPackage("io.stagesync.devstage..")
                .should().dependOnClassesThat(productOutsideDevstage())
                .check(product);
    }

    @Test
    void should_import_devstage_only_for_the_devstage_command_and_the_embedded_default() {
        // given / when / then
        noClasses().that().resideOutsideOfPackage("io.stagesync.devstage..")
                .and().doNotHaveFullyQualifiedName("io.stagesync.cli.DevstageCommand")
                .and().doNotHaveFullyQualifiedName("io.stagesync.cli.EmbeddedDevstage")
                .and().doNotHaveFullyQualifiedName("io.stagesync.backup.EmbeddedBackupBucket")
                .and(notNestedIn("io.stagesync.cli.DevstageCommand", "io.stagesync.cli.EmbeddedDevstage"))
                .should().dependOnClassesThat().resideInAPackage("io.stagesync.devstage..")
                .check(product);
    }

    private static DescribedPredicate<JavaClass> productOutsideDevstage() {
        return DescribedPredicate.describe("are StageSync classes outside devstage", c -> c.getPackageName().startsWith("io.stagesync")
                && !c.getPackageName().startsWith("io.stagesync.devstage"));
    }

    private static DescribedPredicate<JavaClass> notNestedIn(String... owners) {
        return DescribedPredicate.describe("are not nested in the devstage entry points",
                c -> List.of(owners).stream().noneMatch(o -> c.getName().startsWith(o + "$")));
    }

    /** The class file's constant pool (its string constants) holds none of the words. */
    private static ArchCondition<JavaClass> containNoneOf(List<String> words) {
        return new ArchCondition<>("contain none of " + words) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String bytes = classFile(c);
                for (String w : words) {
                    if (bytes.contains(w)) {
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " contains \"" + w + "\""));
                    }
                }
            }
        };
    }

    private static String classFile(JavaClass c) {
        if (c.getSource().isEmpty()) {
            return "";
        }
        try (InputStream in = c.getSource().get().getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
