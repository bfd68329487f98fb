package io.stagesync.poll;

/**
 * How many entries and pages the poll read of one model; immutable, one new value per page.
 *
 * @param model   the model apiId
 * @param entries the entries read so far
 * @param pages   the pages read so far
 */
public record ModelCount(String model, long entries, long pages) {

    public static ModelCount start(String model) {
        return new ModelCount(model, 0, 0);
    }

    /** This count plus one page of {@code pageEntries} entries. */
    public ModelCount plusPage(int pageEntries) {
        return new ModelCount(model, entries + pageEntries, pages + 1);
    }
}
