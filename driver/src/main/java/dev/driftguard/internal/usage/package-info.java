/**
 * Recording usage: statement shapes counted on the application's thread, parsed into columns on the parser
 * thread.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.usage;
