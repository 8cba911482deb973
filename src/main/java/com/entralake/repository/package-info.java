/**
 * The job repository as an operator sees it: a database that may be unreachable, refuse the credentials,
 * be damaged, or deny a privilege. {@link com.entralake.repository.RepositoryFailure} turns such failures
 * into one sentence naming the JDBC URL (never its password), the cause and what to do;
 * {@link com.entralake.repository.RepositoryPrivileges} checks a PostgreSQL role's privileges before a run.
 */
package com.entralake.repository;
