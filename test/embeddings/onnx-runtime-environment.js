/* global require, module */
// Jest runs each test file in its own VM realm, whose Float32Array is not the one onnxruntime-node's native
// addon creates its output tensors with; onnxruntime-common's `instanceof` checks then fail. Sharing the outer
// realm's typed-array constructors fixes that. Used by the test files that run ONNX models (via @jest-environment).
const { TestEnvironment } = require('jest-environment-node');

const TYPED_ARRAYS = [
  'ArrayBuffer', 'Float32Array', 'Float64Array', 'Int8Array', 'Int16Array', 'Int32Array', 'BigInt64Array',
  'Uint8Array', 'Uint16Array', 'Uint32Array', 'BigUint64Array', 'Uint8ClampedArray',
];

class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRuntimeEnvironment;
