/**
 * The guard: what a DDL statement removes, which live versions still use it, and the refusal that names them.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.guard;
