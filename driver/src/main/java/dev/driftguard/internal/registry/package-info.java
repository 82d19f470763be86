/**
 * The registry: the only place that writes or reads driftguard's tables, its schema versions and the
 * heartbeat that publishes usage.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.registry;
