/**
 * The usage report in its five formats, built from what the registry's reader side returns.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.report;
