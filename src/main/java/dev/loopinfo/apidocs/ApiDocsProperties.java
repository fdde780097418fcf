package dev.loopinfo.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenAPI document, under {@code loopinfo.api-docs}; read by {@link ApiDocs}'s
 * condition, and bound here so that the setting is checked and documented with every
 * other.
 *
 * @param enabled whether the app port serves the document at {@code /v3/api-docs} and
 * {@code /v3/api-docs.yaml}
 */
@ConfigurationProperties("loopinfo.api-docs")
record ApiDocsProperties(@DefaultValue("true") boolean enabled) {
}
