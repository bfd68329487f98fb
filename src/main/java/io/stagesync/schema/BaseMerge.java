package io.stagesync.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The next base of a stage pair after a sync or apply. An element both stages now agree on becomes the base of both
 * sides; an element where they still differ (held back, kept, in conflict) keeps its earlier base, so the next diff
 * gives it the same status instead of taking the difference as settled.
 */
final class BaseMerge {
    private BaseMerge() {
    }

    /** {@code [base of the source, base of the target]}; {@code old} is the earlier base or null. */
    static SchemaSnapshot[] next(SchemaSnapshot s, SchemaSnapshot t, SchemaSnapshot[] old) {
        SchemaSnapshot empty = new SchemaSnapshot(List.of(), Map.of(), Map.of(), Map.of());
        SchemaSnapshot bs = old == null ? empty : old[0];
        SchemaSnapshot bt = old == null ? empty : old[1];
        List<String> ls = new ArrayList<>();
        List<String> lt = new ArrayList<>();
        for (String l : union(s.locales(), t.locales(), bs.locales(), bt.locales())) {
            boolean agreed = s.locales().contains(l) == t.locales().contains(l);
            if (agreed ? s.locales().contains(l) : bs.locales().contains(l)) {
                ls.add(l);
            }
            if (agreed ? t.locales().contains(l) : bt.locales().contains(l)) {
                lt.add(l);
            }
        }
        Map<String, List<String>> es = new TreeMap<>();
        Map<String, List<String>> et = new TreeMap<>();
        for (String e : union(s.enums().keySet(), t.enums().keySet(), bs.enums().keySet(), bt.enums().keySet())) {
            List<String> sv = s.enums().get(e);
            List<String> tv = t.enums().get(e);
            if (sv != null && tv != null) {
                List<String> vs = new ArrayList<>();
                List<String> vt = new ArrayList<>();
                for (String v : union(sv, tv, List.of(), List.of())) {
                    boolean agreed = sv.contains(v) == tv.contains(v);
                    if (agreed ? sv.contains(v) : bs.enums().getOrDefault(e, List.of()).contains(v)) {
                        vs.add(v);
                    }
                    if (agreed ? tv.contains(v) : bt.enums().getOrDefault(e, List.of()).contains(v)) {
                        vt.add(v);
                    }
                }
                es.put(e, vs.stream().sorted().toList());
                et.put(e, vt.stream().sorted().toList());
            } else {
                putIfPresent(es, e, sv == null && tv == null ? null : bs.enums().get(e));
                putIfPresent(et, e, sv == null && tv == null ? null : bt.enums().get(e));
            }
        }
        Map<String, SchemaSnapshot.Model>[] models = parents(s.models(), t.models(), bs.models(), bt.models());
        Map<String, SchemaSnapshot.Model>[] components = parents(s.components(), t.components(), bs.components(), bt.components());
        Map<String, Map<String, Object>>[] remote = settings(s.remoteSources(), t.remoteSources(), bs.remoteSources(), bt.remoteSources());
        Map<String, Map<String, Object>>[] stages = settings(s.stages(), t.stages(), bs.stages(), bt.stages());
        Map<String, Map<String, Object>>[] own = settings(s.settings(), t.settings(), bs.settings(), bt.settings());
        return new SchemaSnapshot[] {new SchemaSnapshot(ls, es, models[0], remote[0], components[0], stages[0], own[0]),
                new SchemaSnapshot(lt, et, models[1], remote[1], components[1], stages[1], own[1])};
    }

    /** The next bases of elements described by their settings (remote sources, custom stages, a stage's own settings). */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>>[] settings(Map<String, Map<String, Object>> s, Map<String, Map<String, Object>> t,
                                                               Map<String, Map<String, Object>> bs, Map<String, Map<String, Object>> bt) {
        Map<String, Map<String, Object>> rs = new TreeMap<>();
        Map<String, Map<String, Object>> rt = new TreeMap<>();
        for (String r : union(s.keySet(), t.keySet(), bs.keySet(), bt.keySet())) {
            boolean agreed = Objects.equals(s.get(r), t.get(r));
            putIfPresent(rs, r, agreed ? s.get(r) : bs.get(r));
            putIfPresent(rt, r, agreed ? t.get(r) : bt.get(r));
        }
        return new Map[] {rs, rt};
    }

    /** The next bases of the models (or components) of both stages: {@code [source side, target side]}. */
    @SuppressWarnings("unchecked")
    private static Map<String, SchemaSnapshot.Model>[] parents(Map<String, SchemaSnapshot.Model> s, Map<String, SchemaSnapshot.Model> t,
                                                               Map<String, SchemaSnapshot.Model> bs, Map<String, SchemaSnapshot.Model> bt) {
        Map<String, SchemaSnapshot.Model> ms = new TreeMap<>();
        Map<String, SchemaSnapshot.Model> mt = new TreeMap<>();
        for (String m : union(s.keySet(), t.keySet(), bs.keySet(), bt.keySet())) {
            SchemaSnapshot.Model sm = s.get(m);
            SchemaSnapshot.Model tm = t.get(m);
            if (sm == null || tm == null) {
                putIfPresent(ms, m, sm == null && tm == null ? null : bs.get(m));
                putIfPresent(mt, m, sm == null && tm == null ? null : bt.get(m));
                continue;
            }
            Map<String, SchemaSnapshot.Field> fs = new LinkedHashMap<>();
            Map<String, SchemaSnapshot.Field> ft = new LinkedHashMap<>();
            for (String f : union(sm.fields().keySet(), tm.fields().keySet(), List.of(), List.of())) {
                SchemaSnapshot.Field sf = sm.fields().get(f);
                SchemaSnapshot.Field tf = tm.fields().get(f);
                boolean agreed = sf != null && tf != null && sf.signature().equals(tf.signature());
                putIfPresent(fs, f, agreed ? sf : field(bs.get(m), f));
                putIfPresent(ft, f, agreed ? tf : field(bt.get(m), f));
            }
            ms.put(m, new SchemaSnapshot.Model(sm.plural(), fs));
            mt.put(m, new SchemaSnapshot.Model(tm.plural(), ft));
        }
        return new Map[] {ms, mt};
    }

    private static SchemaSnapshot.Field field(SchemaSnapshot.Model m, String field) {
        return m == null ? null : m.fields().get(field);
    }

    private static <T> void putIfPresent(Map<String, T> map, String key, T value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Set<String> union(java.util.Collection<String> a, java.util.Collection<String> b,
                                     java.util.Collection<String> c, java.util.Collection<String> d) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        all.addAll(c);
        all.addAll(d);
        return all;
    }
}
