package io.stagesync.devstage.server;

import io.stagesync.devstage.AssetFiles;

import javax.sql.DataSource;

/** Builds the GraphQL backend of devstage on the server's database and asset files. */
@FunctionalInterface
public interface BackendFactory {

    DevstageBackend create(DataSource dataSource, AssetFiles files);
}
