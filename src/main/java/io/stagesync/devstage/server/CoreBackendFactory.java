package io.stagesync.devstage.server;

import io.stagesync.devstage.AssetFiles;
import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;
import io.stagesync.devstage.graphql.DevstageContentApi;

import javax.sql.DataSource;
import java.util.Set;

/** Builds devstage's graphql-java content API ({@link DevstageContentApi}) as the server's backend. */
public final class CoreBackendFactory implements BackendFactory {

    @Override
    public DevstageBackend create(DataSource dataSource, AssetFiles files) {
        return new Adapter(new DevstageContentApi(dataSource, files));
    }

    private record Adapter(DevstageContentApi core) implements DevstageBackend {

        @Override
        public Set<String> environments() {
            return core.environments();
        }

        @Override
        public GraphQLResponse execute(String environment, GraphQLRequest request) {
            return core.execute(environment, request);
        }

        @Override
        public void createEnvironment(String name, String modelDefinitionJson) {
            core.createEnvironment(name, modelDefinitionJson);
        }

        @Override
        public void seedDemo(String environment, int size) {
            core.seedDemo(environment, size);
        }

        @Override
        public void setMaxPageSize(int maxPageSize) {
            core.setMaxPageSize(maxPageSize);
        }
    }
}
