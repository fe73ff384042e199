/**
 * Stylesheet of the preferences centre, attached with the lazily loaded module. Same
 * conventions as `styles.ts`.
 */
export const preferencesCss = `#glt .p{width:calc(100% - 32px);max-width:680px;max-height:calc(100% - 32px);margin:auto;padding:0;border:0;border-radius:var(--r);background:#fff;color:var(--fg);box-shadow:0 8px 32px #0004;flex-direction:column}
#glt .p[open]{display:flex}
#glt .p::backdrop{background:#000a}
#glt .ph{padding:12px 24px 4px}
#glt .pb{padding:0 24px;overflow:auto}
#glt .pf{padding:16px 24px;border-top:1px solid var(--bd)}
#glt section{padding:12px 0;border-top:1px solid var(--bd)}
#glt h3{font-size:16px;font-weight:700}
#glt .s{display:flex;align-items:center;justify-content:space-between;gap:12px;margin-bottom:4px}
#glt label{cursor:pointer}
#glt .s span{font-size:14px;font-weight:600}
#glt .o{display:flex;align-items:center;gap:8px}
#glt input{appearance:none;flex:none;position:relative;width:44px;height:24px;border:2px solid #4b5563;border-radius:12px;background:#4b5563;cursor:pointer}
#glt input::before{content:"";position:absolute;top:2px;left:2px;width:16px;height:16px;border-radius:50%;background:#fff}
#glt input:checked{background:var(--a);border-color:var(--a)}
#glt input:checked::before{left:22px}
#glt summary{cursor:pointer;text-decoration:underline;display:list-item}
#glt table{width:100%;margin-top:8px;border-collapse:collapse;font-size:13px}
#glt th,#glt td{padding:4px 6px;border-bottom:1px solid var(--bd);vertical-align:top;overflow-wrap:anywhere}
#glt th{font-weight:700}
`;
