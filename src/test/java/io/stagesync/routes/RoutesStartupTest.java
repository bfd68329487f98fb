package io.stagesync.routes;

import io.stagesync.config.CamelBootstrap;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads every routes/*.camel.yaml through the real bootstrap, so that a broken route fails the build. */
class RoutesStartupTest {

    @Test
    void should_load_every_route_file_with_a_main_route_named_after_it() throws Exception {
        // given
        List<String> fileIds = routeFileIds();
        Main main = CamelBootstrap.of(null, Map.of()).createMain();

        // when
        main.start();
        try {
            CamelContext context = main.getCamelContext();
            List<String> routeIds = context.getRoutes().stream().map(Route::getRouteId).collect(Collectors.toList());

            // then
            assertThat(fileIds).isNotEmpty();
            assertThat(routeIds).containsAll(fileIds.stream().filter(id -> !id.equals("error-handling")).toList());
            assertThat(context.getRouteController().getRouteStatus("sync-entries").isStarted()).isTrue();
        } finally {
            main.stop();
        }
    }

    private static List<String> routeFileIds() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".camel.yaml"))
                    .map(n -> n.substring(0, n.length() - ".camel.yaml".length()))
                    .sorted()
                    .toList();
        }
    }
}
