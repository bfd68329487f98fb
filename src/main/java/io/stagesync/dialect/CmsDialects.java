package io.stagesync.dialect;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The dialects of stages that run different CMSs: each stage's calls go to the {@link Dialects} of its CMS
 * ({@code stagesync.stages.<name>.cms}), its asset calls to that CMS's {@link AssetApi}.
 */
public final class CmsDialects implements Dialects {

    private final Function<String, String> cmsOfStage;
    private final Map<String, Dialects> byCms;
    private final AssetApi assets = new ByStage();

    /**
     * @param cmsOfStage the CMS of a configured stage
     * @param byCms      the dialects of each CMS
     */
    public CmsDialects(Function<String, String> cmsOfStage, Map<String, Dialects> byCms) {
        this.cmsOfStage = cmsOfStage;
        this.byCms = Map.copyOf(byCms);
    }

    private Dialects of(String stage) {
        String cms = cmsOfStage.apply(stage);
        Dialects d = byCms.get(cms);
        if (d == null) {
            throw new IllegalArgumentException("stagesync.stages." + stage + ".cms = '" + cms + "' has no dialect; known: "
                    + new java.util.TreeSet<>(byCms.keySet()));
        }
        return d;
    }

    /** The dialects of one CMS, or null when none is configured for it. */
    public Dialects forCms(String cms) {
        return byCms.get(cms);
    }

    @Override
    public Dialect forStage(String stage) {
        return of(stage).forStage(stage);
    }

    @Override
    public AssetApi assets() {
        return assets;
    }

    /** Every schema call names its stage: it goes to the schema administration of that stage's CMS. */
    @Override
    public SchemaAdmin schemaAdmin() {
        return new SchemaAdmin() {
            @Override
            public Extras extras(String stage) {
                return of(stage).schemaAdmin().extras(stage);
            }

            @Override
            public Outcome apply(String stage, List<SchemaEdit> changes, Map<String, String> secrets, long timeoutMs) {
                return of(stage).schemaAdmin().apply(stage, changes, secrets, timeoutMs);
            }

            @Override
            public Map<String, Object> prepare(String from, String to) {
                return of(to).schemaAdmin().prepare(from, to);
            }

            @Override
            public Outcome apply(String stage, List<SchemaEdit> changes, Context context, Map<String, String> secrets, long timeoutMs) {
                return of(stage).schemaAdmin().apply(stage, changes, context, secrets, timeoutMs);
            }
        };
    }

    /** Every asset call names its stage: it goes to that stage's CMS. */
    private final class ByStage implements AssetApi {
        private AssetApi api(String stage) {
            return of(stage).assets();
        }

        @Override
        public AssetPage page(String stage, String after, int first) {
            return api(stage).page(stage, after, first);
        }

        @Override
        public Optional<TargetAsset> find(String stage, String id) {
            return api(stage).find(stage, id);
        }

        @Override
        public Map<String, TargetAsset> findAll(String stage, Collection<String> ids) {
            return api(stage).findAll(stage, ids);
        }

        @Override
        public Set<String> existing(String stage, Collection<String> ids) {
            return api(stage).existing(stage, ids);
        }

        @Override
        public List<TargetAsset> createdBetween(String stage, String fileName, java.time.Instant from, java.time.Instant to) {
            return api(stage).createdBetween(stage, fileName, from, to);
        }

        @Override
        public Upload createForPost(String stage, String fileName, Map<String, Object> fields) {
            return api(stage).createForPost(stage, fileName, fields);
        }

        @Override
        public List<Created> createAllForPost(String stage, List<NewAsset> newAssets) {
            return api(stage).createAllForPost(stage, newAssets);
        }

        @Override
        public String createFromUrl(String stage, String fileName, String uploadUrl, Map<String, Object> fields) {
            return api(stage).createFromUrl(stage, fileName, uploadUrl, fields);
        }

        @Override
        public Upload reuploadForPost(String stage, String id) {
            return api(stage).reuploadForPost(stage, id);
        }

        @Override
        public void reuploadFromUrl(String stage, String id, String uploadUrl) {
            api(stage).reuploadFromUrl(stage, id, uploadUrl);
        }

        @Override
        public void updateMetadata(String stage, String id, String fileName, Map<String, Object> fields) {
            api(stage).updateMetadata(stage, id, fileName, fields);
        }

        @Override
        public Map<String, Versions> versions(String stage, Collection<String> ids) {
            return api(stage).versions(stage, ids);
        }

        @Override
        public void publish(String stage, List<String> ids, boolean publish) {
            api(stage).publish(stage, ids, publish);
        }

        @Override
        public void delete(String stage, String id) {
            api(stage).delete(stage, id);
        }

        @Override
        public void publish(String stage, List<String> ids, boolean publish, List<String> locales) {
            api(stage).publish(stage, ids, publish, locales);
        }

        @Override
        public List<String> uncopiedFields(String stage) {
            return api(stage).uncopiedFields(stage);
        }

        @Override
        public List<String> copiedFields(String stage) {
            return api(stage).copiedFields(stage);
        }

        @Override
        public boolean publishesAssets(String stage) {
            return api(stage).publishesAssets(stage);
        }

        @Override
        public void checkCustomFields(String stage) {
            api(stage).checkCustomFields(stage);
        }

        @Override
        public Map<String, TargetAsset> localizations(String stage, String id) {
            return api(stage).localizations(stage, id);
        }

        @Override
        public Upload uploadLocalization(String stage, String id, String locale, boolean create, String fileName,
                                         String uploadUrl, Map<String, Object> fields) {
            return api(stage).uploadLocalization(stage, id, locale, create, fileName, uploadUrl, fields);
        }

        @Override
        public void updateLocalization(String stage, String id, String locale, String fileName, Map<String, Object> fields) {
            api(stage).updateLocalization(stage, id, locale, fileName, fields);
        }

        @Override
        public void deleteLocalizations(String stage, String id, List<String> locales) {
            api(stage).deleteLocalizations(stage, id, locales);
        }

        @Override
        public boolean takesFiles(String stage) {
            return api(stage).takesFiles(stage);
        }

        @Override
        public TargetAsset putFile(String stage, String id, boolean replace, NewAsset asset, String mimeType,
                                   java.io.InputStream data, long length) {
            return api(stage).putFile(stage, id, replace, asset, mimeType, data, length);
        }
    }
}
