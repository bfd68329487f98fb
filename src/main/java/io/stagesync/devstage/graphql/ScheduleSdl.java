package io.stagesync.devstage.graphql;

import io.stagesync.devstage.model.ContentSchema;
import io.stagesync.devstage.model.ModelInfo;

import java.util.List;

/**
 * The SDL of scheduled publishing (Hygraph's names): {@code ScheduledRelease}, {@code ScheduledOperation} with its
 * {@code affectedDocuments} union, their queries, {@code create/update/deleteScheduledRelease} and per model
 * {@code schedulePublish<Model>} / {@code scheduleUnpublish<Model>} with {@code releaseAt} or {@code releaseId}.
 */
final class ScheduleSdl {
    private ScheduleSdl() {
    }

    static void write(ContentSchema schema, StringBuilder out) {
        List<String> models = schema.models().stream().map(ModelInfo::apiId).toList();
        String paging = "skip: Int, after: String, before: String, first: Int, last: Int";
        String read = "stage: Stage! = PUBLISHED, locales: [Locale!]! = [" + schema.defaultLocale() + "]";
        out.append("""
                enum ScheduledOperationStatus { CANCELED COMPLETED FAILED PENDING }
                enum ScheduledReleaseStatus { COMPLETED FAILED PENDING }
                input ScheduledOperationWhereUniqueInput { id: ID }
                input ScheduledReleaseWhereUniqueInput { id: ID }
                input ScheduledOperationWhereInput { id: ID id_in: [ID!] status: ScheduledOperationStatus status_in: [ScheduledOperationStatus!] status_not: ScheduledOperationStatus }
                input ScheduledReleaseWhereInput { id: ID id_in: [ID!] status: ScheduledReleaseStatus status_in: [ScheduledReleaseStatus!] status_not: ScheduledReleaseStatus isActive: Boolean }
                input ScheduledReleaseCreateInput { title: String description: String errorMessage: String isActive: Boolean = true releaseAt: DateTime createdAt: DateTime updatedAt: DateTime }
                input ScheduledReleaseUpdateInput { title: String description: String errorMessage: String isActive: Boolean releaseAt: DateTime }
                """);
        out.append("union ScheduledOperationAffectedDocument = ").append(String.join(" | ", models)).append('\n');
        out.append("type ScheduledOperation { id: ID! createdAt: DateTime! updatedAt: DateTime! description: String errorMessage: String ")
                .append("rawPayload: Json! status: ScheduledOperationStatus! release: ScheduledRelease ")
                .append("affectedDocuments(").append(paging).append("): [ScheduledOperationAffectedDocument!]! }\n");
        out.append("type ScheduledRelease { id: ID! createdAt: DateTime! updatedAt: DateTime! title: String description: String ")
                .append("errorMessage: String isActive: Boolean! isImplicit: Boolean! releaseAt: DateTime status: ScheduledReleaseStatus! ")
                .append("operations(where: ScheduledOperationWhereInput, ").append(paging).append("): [ScheduledOperation!]! }\n");
        out.append("extend type Query {\n")
                .append("  scheduledOperation(where: ScheduledOperationWhereUniqueInput!, ").append(read).append("): ScheduledOperation\n")
                .append("  scheduledOperations(where: ScheduledOperationWhereInput, ").append(paging).append(", ").append(read).append("): [ScheduledOperation!]!\n")
                .append("  scheduledRelease(where: ScheduledReleaseWhereUniqueInput!, ").append(read).append("): ScheduledRelease\n")
                .append("  scheduledReleases(where: ScheduledReleaseWhereInput, ").append(paging).append(", ").append(read).append("): [ScheduledRelease!]!\n")
                .append("}\nextend type Mutation {\n")
                .append("  createScheduledRelease(data: ScheduledReleaseCreateInput!): ScheduledRelease\n")
                .append("  updateScheduledRelease(where: ScheduledReleaseWhereUniqueInput!, data: ScheduledReleaseUpdateInput!): ScheduledRelease\n")
                .append("  deleteScheduledRelease(where: ScheduledReleaseWhereUniqueInput!): ScheduledRelease\n");
        for (ModelInfo m : schema.models()) {
            String t = m.apiId();
            String loc = m.hasLocalizedFields() ? ", locales: [Locale!], publishBase: Boolean = true, withDefaultLocale: Boolean = true" : "";
            String unloc = m.hasLocalizedFields() ? ", locales: [Locale!], unpublishBase: Boolean = true" : "";
            out.append("  schedulePublish").append(t).append("(where: ").append(t).append("WhereUniqueInput!, to: [Stage!]! = [PUBLISHED]")
                    .append(loc).append(", releaseAt: DateTime, releaseId: String): ").append(t).append('\n');
            out.append("  scheduleUnpublish").append(t).append("(where: ").append(t).append("WhereUniqueInput!, from: [Stage!]! = [PUBLISHED]")
                    .append(unloc).append(", releaseAt: DateTime, releaseId: String): ").append(t).append('\n');
        }
        out.append("}\n");
    }
}
