package io.genieenhancer.testing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.WithDefault;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;

/**
 * A config interface ({@code @ConfigMapping}) answering with its own {@code @WithDefault}s, as Quarkus would with
 * nothing configured: tests compare it with the records that carry the same defaults for code run without Quarkus.
 */
public final class ConfigDefaults {

    private ConfigDefaults() {
    }

    public static <T> T of(Class<T> config) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> config.getSimpleName() + " defaults";
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            return valueOf(method);
        };
        return config.cast(Proxy.newProxyInstance(config.getClassLoader(), new Class<?>[] {config}, h));
    }

    private static Object valueOf(Method m) {
        Class<?> type = m.getReturnType();
        WithDefault d = m.getAnnotation(WithDefault.class);
        if (d == null) {
            if (type == Optional.class) {
                return Optional.empty();
            }
            if (type.isInterface()) {
                return of(type); // a group of settings
            }
            throw new IllegalStateException(m + " has no default");
        }
        String v = d.value();
        if (type == String.class) {
            return v;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(v);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(v);
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(v);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.parseBoolean(v);
        }
        if (type == Duration.class) {
            return DurationConverter.parseDuration(v);
        }
        if (type.isEnum()) {
            return enumValue(type, v);
        }
        throw new IllegalStateException("no conversion for " + m);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String v) {
        return Enum.valueOf((Class) type, v);
    }
}
