/**
 * The settings of docs/configuration.md: their keys, the order they are looked up in, the process environment.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.config;
