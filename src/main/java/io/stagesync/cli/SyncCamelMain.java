package io.stagesync.cli;

import org.apache.camel.main.Main;

import java.nio.file.Path;

/** The camel-main of a sync: properties from {@code --config} (or application.properties) and the routes folder. */
final class SyncCamelMain {

    private SyncCamelMain() {
    }

    static Main create(Path configFile) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(configFile != null ? "file:" + configFile.toAbsolutePath()
                : "file:application.properties;optional=true,classpath:application.properties;optional=true");
        main.configure().withRoutesIncludePattern("file:routes/*.camel.yaml").withBasePackageScan("io.stagesync");
        main.configure().routeControllerConfig().withEnabled(false);
        return main;
    }
}
