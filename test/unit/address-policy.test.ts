import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddressPolicy } from '../../src/net/address-policy.js';

describe('AddressPolicy', () => {
  const strict = new AddressPolicy([]);

  it('allows public unicast addresses', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111']) assert.equal(strict.forbiddenRange(address), null, address);
  });

  it('forbids loopback, private, link-local, metadata and unspecified addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '100.64.0.1']) {
      assert.notEqual(strict.forbiddenRange(address), null, address);
    }
  });

  it('lets an operator allow-list ranges', () => {
    const policy = new AddressPolicy(['127.0.0.0/8', '10.0.0.0/8']);
    assert.equal(policy.forbiddenRange('127.0.0.1'), null);
    assert.equal(policy.forbiddenRange('::ffff:127.0.0.1'), null);
    assert.equal(policy.forbiddenRange('10.9.9.9'), null);
    assert.equal(policy.forbiddenRange('192.168.0.1'), 'private');
  });

  it('refuses a malformed allow-list entry', () => {
    assert.throws(() => new AddressPolicy(['10.0.0.0/99']), /not a CIDR range/);
  });
});
