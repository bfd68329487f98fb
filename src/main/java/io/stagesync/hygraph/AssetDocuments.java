package io.stagesync.hygraph;

import java.util.List;

/**
 * Builds the GraphQL documents of the asset sync (Hygraph's asset system), including the configured custom fields.
 */
public final class AssetDocuments {

    private static final String UPLOAD = "upload { status error { code message } requestPostData { url date key signature algorithm policy credential securityToken } }";

    private final String customFields;

    public AssetDocuments(List<String> customFields) {
        for (String f : customFields) {
            if (!f.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("stagesync.assets.custom-fields must list GraphQL field names, got: '" + f + "'");
            }
        }
        this.customFields = String.join(" ", customFields);
    }

    public String page() {
        return "query AssetPage($first: Int!, $after: String, $locales: [Locale!]!) { assetsConnection(stage: DRAFT, first: $first, after: $after, orderBy: id_ASC) "
                + "{ edges { node { id fileName mimeType size width height updatedAt url " + customFields + " "
                + "localizations(locales: $locales) { locale fileName mimeType size width height url " + customFields + " } } } "
                + "pageInfo { hasNextPage endCursor } aggregate { count } } }";
    }

    /** The locales of the stage (the values of its {@code Locale} enumeration). */
    public String locales() {
        return "query AssetLocales { __type(name: \"Locale\") { enumValues { name } } }";
    }

    /** The fields an asset's create input takes (its custom fields among them), with their types. */
    public String createInput() {
        return "query AssetCreateInput { __type(name: \"AssetCreateInput\") { inputFields { name type { name kind ofType { name kind } } } } }";
    }

    /** The fields a localization of an asset takes (its localized custom fields among them). */
    public String localizationInput() {
        return "query AssetLocalizationInput { __type(name: \"AssetCreateLocalizationDataInput\") { inputFields { name } } }";
    }

    /** The localizations of one asset other than the default locale, with their upload state. */
    public String localizations() {
        return "query AssetLocalizations($id: ID!, $locales: [Locale!]!) { asset(where: { id: $id }, stage: DRAFT) { id "
                + "localizations(locales: $locales) { locale " + targetFields() + " } } }";
    }

    /** An update of an asset's localizations answering each localization's upload (pre-signed POST data). */
    public String updateLocalizations() {
        return "mutation UpdateAssetLocalizations($id: ID!, $data: AssetUpdateInput!, $locales: [Locale!]!) { updateAsset(where: { id: $id }, data: $data) "
                + "{ id localizations(locales: $locales) { locale " + UPLOAD + " } } }";
    }

    /** Publishes assets with the given locales, or unpublishes only those locales of them. */
    public String publishLocales(boolean publish) {
        return publish
                ? "mutation PublishAssetLocales($ids: [ID!], $locales: [Locale!]) { p: publishManyAssetsConnection(where: { id_in: $ids }, to: [PUBLISHED], locales: $locales, first: 100) { edges { node { id } } } }"
                : "mutation UnpublishAssetLocales($ids: [ID!], $locales: [Locale!]) { p: unpublishManyAssetsConnection(where: { id_in: $ids }, from: [PUBLISHED], locales: $locales, first: 100) { edges { node { id } } } }";
    }

    public String find() {
        return "query AssetStatus($id: ID!) { asset(where: { id: $id }, stage: DRAFT) { " + targetFields() + " } }";
    }

    public String findAll() {
        return "query AssetStatuses($ids: [ID!]!) { assets(where: { id_in: $ids }, stage: DRAFT, first: 100) { " + targetFields() + " } }";
    }

    private String targetFields() {
        return "id fileName size url " + customFields + " upload { status error { code message } }";
    }

    public String createdBetween() {
        return "query AssetsCreatedBetween($fileName: String!, $from: DateTime!, $to: DateTime!) { assets(where: "
                + "{ fileName: $fileName, createdAt_gte: $from, createdAt_lte: $to }, stage: DRAFT, first: 100) { " + targetFields() + " } }";
    }

    public String existing() {
        return "query AssetsExisting($ids: [ID!]!) { assets(where: { id_in: $ids }, stage: DRAFT, first: 100) { id } }";
    }

    /** The draft's and the published version's {@code updatedAt} of assets by id. */
    public String versions() {
        return "query AssetVersions($ids: [ID!]!, $locales: [Locale!]!) { assets(where: { id_in: $ids }, stage: DRAFT, first: 100) "
                + "{ id updatedAt documentInStages(stages: [PUBLISHED]) { updatedAt localizations(locales: $locales, includeCurrent: true) { locale } } } }";
    }

    /** Publishes or unpublishes assets by id, up to 100 at once. */
    public String publish(boolean publish) {
        return publish
                ? "mutation PublishAssets($ids: [ID!]) { p: publishManyAssetsConnection(where: { id_in: $ids }, to: [PUBLISHED], first: 100) { edges { node { id } } } }"
                : "mutation UnpublishAssets($ids: [ID!]) { p: unpublishManyAssetsConnection(where: { id_in: $ids }, from: [PUBLISHED], first: 100) { edges { node { id } } } }";
    }

    public String create() {
        return "mutation CreateAsset($data: AssetCreateInput!) { createAsset(data: $data) { " + uploadSelection() + " } }";
    }

    /** What a created or re-opened asset answers: its id and its upload with the pre-signed POST data. */
    public String uploadSelection() {
        return "id " + UPLOAD;
    }

    public String delete() {
        return "mutation DeleteAsset($id: ID!) { deleteAsset(where: { id: $id }) { id } }";
    }

    public String update() {
        return "mutation UpdateAsset($id: ID!, $data: AssetUpdateInput!) { updateAsset(where: { id: $id }, data: $data) { " + uploadSelection() + " } }";
    }
}
