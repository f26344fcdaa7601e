import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer, rendererOverride } from './renderer-choice';

describe('renderer choice', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0)', true],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
    ['Mesa Intel(R) UHD Graphics 620 (KBL GT2)', false],
  ])('classifies %s', (name, software) => {
    expect(isSoftwareRenderer(name)).toBe(software);
  });

  it('reads the URL override', () => {
    expect(rendererOverride('?renderer=dom')).toBe('dom');
    expect(rendererOverride('?token=x&renderer=webgl')).toBe('webgl');
    expect(rendererOverride('?renderer=canvas')).toBeNull();
    expect(rendererOverride('')).toBeNull();
  });
});
