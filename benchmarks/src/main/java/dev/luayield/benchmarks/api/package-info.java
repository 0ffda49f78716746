/**
 * Generated endpoints of 5 to 1,000 methods for the API-size sweep.
 */
package dev.luayield.benchmarks.api;
