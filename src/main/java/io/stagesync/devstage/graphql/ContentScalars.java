package io.stagesync.devstage.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Hygraph's custom scalars: DateTime (normalised to a fixed-width UTC form so text order is time order), Date, Json, Long. */
public final class ContentScalars {
    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    private ContentScalars() {
    }

    /** Normalises an ISO-8601 date-time to {@code 2024-05-01T10:00:00.000000+00:00}. */
    static String dateTime(String text) {
        try {
            OffsetDateTime t = OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
            return OUT.format(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 DateTime with offset (like 2024-05-01T10:00:00Z)");
        }
    }

    static String now() {
        return OUT.format(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    static final GraphQLScalarType DATE_TIME = GraphQLScalarType.newScalar().name("DateTime")
            .description("An ISO-8601 date-time with offset").coercing(new Coercing<String, String>() {
                @Override
                public String serialize(Object v, GraphQLContext c, Locale l) {
                    return v.toString();
                }

                @Override
                public String parseValue(Object v, GraphQLContext c, Locale l) {
                    try {
                        return dateTime(v.toString());
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseValueException(e.getMessage());
                    }
                }

                @Override
                public String parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    if (!(v instanceof StringValue s)) {
                        throw new CoercingParseLiteralException("DateTime must be a string");
                    }
                    try {
                        return dateTime(s.getValue());
                    } catch (IllegalArgumentException e) {
                        throw new CoercingParseLiteralException(e.getMessage());
                    }
                }
            }).build();

    static final GraphQLScalarType DATE = GraphQLScalarType.newScalar().name("Date")
            .description("A date as YYYY-MM-DD").coercing(new Coercing<String, String>() {
                @Override
                public String serialize(Object v, GraphQLContext c, Locale l) {
                    return v.toString();
                }

                @Override
                public String parseValue(Object v, GraphQLContext c, Locale l) {
                    return date(v.toString(), CoercingParseValueException::new);
                }

                @Override
                public String parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    if (!(v instanceof StringValue s)) {
                        throw new CoercingParseLiteralException("Date must be a string");
                    }
                    return date(s.getValue(), CoercingParseLiteralException::new);
                }
            }).build();

    static final GraphQLScalarType LONG = GraphQLScalarType.newScalar().name("Long")
            .description("A 64-bit integer").coercing(new Coercing<Long, Long>() {
                @Override
                public Long serialize(Object v, GraphQLContext c, Locale l) {
                    return ((Number) v).longValue();
                }

                @Override
                public Long parseValue(Object v, GraphQLContext c, Locale l) {
                    if (v instanceof Number n) {
                        return n.longValue();
                    }
                    throw new CoercingParseValueException("Long must be a number");
                }

                @Override
                public Long parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    if (v instanceof IntValue i) {
                        return i.getValue().longValue();
                    }
                    throw new CoercingParseLiteralException("Long must be an integer");
                }
            }).build();

    static final GraphQLScalarType JSON = json("Json");

    /** A scalar taking any JSON value under the given name (the Content API's {@code Json}, the Management API's {@code JSON}). */
    public static GraphQLScalarType json(String name) {
        return GraphQLScalarType.newScalar().name(name)
            .description("Any JSON value").coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object v, GraphQLContext c, Locale l) {
                    return v;
                }

                @Override
                public Object parseValue(Object v, GraphQLContext c, Locale l) {
                    return v;
                }

                @Override
                public Object parseLiteral(Value<?> v, CoercedVariables vars, GraphQLContext c, Locale l) {
                    return literal(v, vars);
                }
            }).build();
    }

    private static String date(String text, java.util.function.Function<String, RuntimeException> error) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw error.apply("'" + text + "' is not a Date (YYYY-MM-DD)");
        }
    }

    private static Object literal(Value<?> v, CoercedVariables vars) {
        if (v instanceof StringValue s) {
            return s.getValue();
        } else if (v instanceof IntValue i) {
            return i.getValue().bitLength() < 32 ? (Object) i.getValue().intValue() : (Object) i.getValue().longValue();
        } else if (v instanceof FloatValue f) {
            return f.getValue().doubleValue();
        } else if (v instanceof BooleanValue b) {
            return b.isValue();
        } else if (v instanceof EnumValue e) {
            return e.getName();
        } else if (v instanceof NullValue) {
            return null;
        } else if (v instanceof VariableReference r) {
            return vars.get(r.getName());
        } else if (v instanceof ArrayValue a) {
            return a.getValues().stream().map(x -> literal(x, vars)).toList();
        } else if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            o.getObjectFields().forEach(f -> m.put(f.getName(), literal(f.getValue(), vars)));
            return m;
        }
        return List.of();
    }

    /** A scalar under another name that coerces like {@code like} (Hex as String, RGBAHue as Int, ...). */
    static GraphQLScalarType named(String name, GraphQLScalarType like) {
        return GraphQLScalarType.newScalar().name(name).description(name + " (coerced as " + like.getName() + ")")
                .coercing(like.getCoercing()).build();
    }
}
