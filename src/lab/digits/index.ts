/** The Diehl & Cook (2015) digits experiment: network, protocol, result. */
export * from './network';
export * from './run';
