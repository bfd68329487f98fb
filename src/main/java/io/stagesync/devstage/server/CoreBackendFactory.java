package io.stagesync.devstage.server;

import io.stagesync.devstage.AssetFiles;
import io.stagesync.devstage.ContentApi;
import io.stagesync.devstage.GraphQLRequest;
import io.stagesync.devstage.GraphQLResponse;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Set;

/** Builds devstage's graphql-java content API ({@code io.stagesync.devstage.graphql.DevstageContentApi}). */
public final class CoreBackendFactory implements BackendFactory {

    static final String CORE_CLASS = "io.stagesync.devstage.graphql.DevstageContentApi";

    @Override
    public DevstageBackend create(DataSource dataSource, AssetFiles files) {
        try {
            Class<?> type = Class.forName(CORE_CLASS);
            Object core = type.getConstructor(DataSource.class, AssetFiles.class).newInstance(dataSource, files);
            return new Adapter((ContentApi) core, type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("devstage GraphQL core " + CORE_CLASS + " is not on the classpath", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + CORE_CLASS + ": " + e.getMessage(), e);
        }
    }

    private record Adapter(ContentApi core, Class<?> type) implements DevstageBackend {

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
            invoke("createEnvironment", new Class<?>[]{String.class, String.class}, name, modelDefinitionJson);
        }

        @Override
        public void seedDemo(String environment, int size) {
            invoke("seedDemo", new Class<?>[]{String.class, int.class}, environment, size);
        }

        @Override
        public void setMaxPageSize(int maxPageSize) {
            invoke("setMaxPageSize", new Class<?>[]{int.class}, maxPageSize);
        }

        private void invoke(String name, Class<?>[] types, Object... args) {
            try {
                Method method = type.getMethod(name, types);
                method.invoke(core, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(name + " failed: " + e.getCause(), e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(CORE_CLASS + " has no usable " + name + ": " + e, e);
            }
        }
    }
}
