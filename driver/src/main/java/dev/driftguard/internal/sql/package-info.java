/**
 * Reading SQL: one lexer per dialect on the application's thread, JSqlParser on the parser thread, the catalog
 * (views, routines, triggers, the session's path) behind both.
 *
 * <p>Internal: not API, may change in any release. docs/architecture.md says what this package may use.
 */
package dev.driftguard.internal.sql;
