/**
 * The JDBC wrappers the application talks to: proxies, the statement hook and the vendor driver lookup.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.jdbc;
