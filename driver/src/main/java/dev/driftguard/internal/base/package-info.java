/**
 * What every package may use: logging that never carries data ({@code Log}), JSON strings, JDBC URL handling
 * and masking.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.base;
