import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { z } from 'zod'
import App from './App.vue'
import { createAppI18n } from './i18n'
import { createAppRouter } from './router'
import './styles.css'

// zod would probe for `new Function` (its JIT) at the first parse: the CSP's `script-src
// 'self'` refuses that and the browser reports a violation each time. Parse without it.
z.config({ jitless: true })

const app = createApp(App)
app.use(createPinia())
app.use(createAppI18n())
app.use(createAppRouter())
app.mount('#app')
