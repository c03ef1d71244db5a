/** Plan endpoints: evaluate, CSV, sweeps, saved plans, cost, optimizer, advisor. */
package io.inferplan.plan;
