package io.stagesync.state;

import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Opens a state store and stops inside one migration (after its statements ran, before it is recorded), writing a
 * marker file, so that a test can kill the process in that window. Arguments: JDBC URL, version, marker file.
 */
public final class MigrationPauseMain {

    private MigrationPauseMain() {
    }

    public static void main(String[] args) {
        String version = args[1];
        Path marker = Path.of(args[2]);
        new StateStore(args[0], "sa", "migration-test", 4, new BaseCallback() {
            @Override
            public void handle(Event event, Context context) {
                if (event == Event.AFTER_EACH_MIGRATE && version.equals(context.getMigrationInfo().getVersion().getVersion())) {
                    try {
                        Files.writeString(marker, version);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    while (true) {
                        LockSupport.park();
                    }
                }
            }
        });
    }
}
