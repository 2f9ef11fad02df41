<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <location filename="../../app/views/app.py" line="+156"/>
        <source>About KooGallery Seller Console</source>
        <translation>关于 KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;KooGallery Seller Console %1&lt;/h3&gt;&lt;p&gt;The desktop console for sellers and partners on Huawei Cloud KooGallery: a local cache of orders, service supervision, customer demands and settlement, synced from the marketplace.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;KooGallery 卖家控制台 %1&lt;/h3&gt;&lt;p&gt;华为云云商店卖家与客户服务商的桌面控制台：从云商店同步订单、服务监管、客户需求和结算数据，保存在本地缓存中。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../app/views/banner.py" line="+191"/>
        <source>Hide Details</source>
        <translation>隐藏详情</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>Collections</name>
    <message>
        <location filename="../../app/views/sync_controller.py" line="+492"/>
        <source>orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>supervision tasks</source>
        <translation>服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer demands</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bills</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>invoice notices</source>
        <translation>开票通知</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>interface messages</source>
        <translation>生产接口消息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partner bills</source>
        <translation>客户服务商账单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partner performance</source>
        <translation>业绩明细</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exclusive offers</source>
        <translation>专属优惠</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="+288"/>
        <source>Orders in progress</source>
        <translation>处理中的订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision tasks waiting on you</source>
        <translation>待我处理的服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demands about to close</source>
        <translation>即将自动关闭的客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bills to invoice</source>
        <translation>待开票的账单</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../app/views/dashboard.py" line="+382"/>
        <source>Today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing has been synced yet.</source>
        <translation>尚未同步任何数据。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From the cache of %1, last synced %2.</source>
        <translation>数据来自%1的本地缓存，上次同步于 %2。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The first sync is running; the figures appear as soon as it finishes.</source>
        <translation>首次同步正在进行，完成后即显示各项数据。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The cache is empty. Sync to fetch your orders, supervision tasks, customer demands and bills from the marketplace.</source>
        <translation>本地缓存为空。请同步，从云商店获取订单、服务监管任务、客户需求和账单。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sync Now</source>
        <translation>立即同步</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln supervision task(s)</source>
        <translation>
            <numerusform>%Ln 个服务监管任务</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln customer demand(s)</source>
        <translation>
            <numerusform>%Ln 个客户需求</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln bill(s)</source>
        <translation>
            <numerusform>%Ln 张账单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln invoice notice(s)</source>
        <translation>
            <numerusform>%Ln 条开票通知</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>In the cache: %1.</source>
        <translation>本地缓存中共有：%1。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status 处理中: paid, still being delivered. Open them in Orders.</source>
        <translation>状态为“处理中”：已付款、仍在交付。点击在订单中查看。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Status 待接收: they close by themselves if not accepted within 2 days.</source>
        <translation>状态为“待接收”：2 天内不接收将自动关闭。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status 待开票: settlement bills waiting for your invoice.</source>
        <translation>状态为“待开票”：等待商家开具发票的结算账单。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Service supervision steps where the marketplace waits for you.</source>
        <translation>服务监管流程中等待商家操作的环节。</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <location filename="../../app/views/first_run.py" line="+120"/>
        <source>Welcome to the KooGallery Seller Console</source>
        <translation>欢迎使用 KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The console keeps a local copy of your orders, service supervision tasks, customer demands and bills, so you can look things up and prepare your work even without a network.

It is running on the built-in sandbox now: a local marketplace with generated demo data. Nothing you do here reaches KooGallery.</source>
        <translation>控制台在本地保存订单、服务监管任务、客户需求和账单的副本，即使没有网络也能查询资料、准备工作。

当前运行在内置沙箱中：这是一个带有生成演示数据的本地云商店，您在这里的任何操作都不会发送到华为云云商店。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect to KooGallery</source>
        <translation>连接华为云云商店</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add your seller or partner (客户服务商) account: its endpoint, access key and secret key. The secret key is kept in the system keychain.</source>
        <translation>添加您的卖家账号或客户服务商账号：接入地址、AK 和 SK。SK 保存在系统钥匙串中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep exploring the sandbox</source>
        <translation>继续体验沙箱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync the demo data and try every part of the console. You can connect later from the Profile menu.</source>
        <translation>同步演示数据，体验控制台的各项功能。之后可随时从“账号”菜单连接真实账号。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sandbox marketplace is ready.</source>
        <translation>沙箱云商店已就绪。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sandbox marketplace could not start. The details are in the banner above.</source>
        <translation>沙箱云商店未能启动，详情见上方提示栏。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the sandbox marketplace: generating %1 demo orders the first time takes a few seconds…</source>
        <translation>正在准备沙箱云商店：首次启动需生成 %1 个演示订单，请稍候几秒…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preparing the sandbox marketplace…</source>
        <translation>正在准备沙箱云商店…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/views/main_window.py" line="+118"/>
        <source>Dashboard</source>
        <translation>工作台</translation>
    </message>
    <message>
        <location line="+277"/>
        <source>Edit Profile…</source>
        <translation>编辑账号…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+9"/>
        <source>Try Again</source>
        <translation>重试</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Start a Fresh Cache</source>
        <translation>新建本地缓存</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The local cache could not be opened.</source>
        <translation>无法打开本地缓存。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>the sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>&amp;Sync Now</source>
        <translation>立即同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fetch what changed on the marketplace (F5)</source>
        <translation>从云商店获取有变化的数据（F5）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel Sync</source>
        <translation>取消同步(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the sync after the current page</source>
        <translation>在当前这一页完成后停止同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show &amp;Welcome Page</source>
        <translation>显示欢迎页(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User Guide</source>
        <translation>用户指南(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About KooGallery Seller Console</source>
        <translation>关于 KooGallery 卖家控制台(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Profile</source>
        <translation>账号(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync</source>
        <translation>同步(&amp;Y)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Profile “%1” saved; syncing it now.</source>
        <translation>账号“%1”已保存，正在同步。</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>KooGallery Seller Console</source>
        <translation>KooGallery 卖家控制台</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — Sandbox</source>
        <translation>%1 — 沙箱</translation>
    </message>
</context>
<context>
    <name>OrderDetailPane</name>
    <message>
        <location filename="../../app/views/orders/detail.py" line="+125"/>
        <source>Select an order to see its details.</source>
        <translation>选择一个订单查看详情。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading order %1…</source>
        <translation>正在加载订单 %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order %1 is no longer in the local cache.</source>
        <translation>订单 %1 已不在本地缓存中。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The order could not be read: %1</source>
        <translation>无法读取该订单：%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>手机号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Total</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discount</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+8"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Product class</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision</source>
        <translation>服务监管</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance</source>
        <translation>实例</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>购买时长</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After discount</source>
        <translation>成交价</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+24"/>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Took effect</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Supervision node</source>
        <translation>监管节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>最近更新</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Open supervision task</source>
        <translation>打开服务监管任务</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
</context>
<context>
    <name>OrderLabels</name>
    <message>
        <location filename="../../app/views/orders/labels.py" line="+27"/>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New purchase</source>
        <translation>新购</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trial</source>
        <translation>试用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trial to paid</source>
        <translation>试用转正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubscribe</source>
        <translation>退订</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Renewal</source>
        <translation>续费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscription</source>
        <translation>包周期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One-time</source>
        <translation>一次性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pay-per-use</source>
        <translation>按需计费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usage package</source>
        <translation>按需套餐包</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
</context>
<context>
    <name>OrdersArea</name>
    <message>
        <location filename="../../app/views/areas.py" line="+62"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Orders (%1)</source>
        <translation>订单（%1）</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
</context>
<context>
    <name>OrdersFilterBar</name>
    <message>
        <location filename="../../app/views/orders/filter_bar.py" line="+198"/>
        <source>Search order ID, customer or product</source>
        <extracomment>The date edits show &quot;Any&quot; (no bound) at their minimum date.</extracomment>
        <translation>搜索订单号、客户或商品</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every word must match: part of a customer or product name, or the start of an order ID or customer ID</source>
        <translation>每个词都须匹配：客户或商品名称的一部分，或订单号、客户 ID 的开头</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A product ID, or part of a product name</source>
        <translation>商品 ID，或商品名称的一部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part of the customer&apos;s name or account, or a customer ID</source>
        <translation>客户名称或账号的一部分，或客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created from</source>
        <translation>创建时间从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../app/views/orders/view.py" line="+454"/>
        <source>The orders could not be read: %1</source>
        <extracomment>A burst of &quot;orders changed&quot; announcements within this time makes one refresh. Moving through rows with the keyboard loads the detail once the current row settles.</extracomment>
        <translation>无法读取订单：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Default columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>ProfileDialog</name>
    <message>
        <location filename="../../app/views/profiles_dialog.py" line="+221"/>
        <source>Enter the access key (AK) first.</source>
        <translation>请先输入 AK。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Testing the connection…</source>
        <translation>正在测试连接…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The secret key could not be stored in the keychain, so nothing was saved. What you typed is still here.</source>
        <translation>SK 无法存入系统钥匙串，因此未保存任何内容。您输入的信息仍保留在此。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>The profile could not be saved.</source>
        <translation>账号未能保存。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Give the profile a name, such as “Shop (production)”.</source>
        <translation>请为账号起一个名称，例如“店铺（生产）”。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The profiles file cannot be read.</source>
        <translation>无法读取账号配置文件。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A profile named “%1” exists already.</source>
        <translation>已存在名为“%1”的账号。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Enter the marketplace address, such as https://api.example.com.</source>
        <translation>请输入云商店接入地址，例如 https://api.example.com。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Use an https:// address: plain http:// is allowed only for a sandbox on this computer.</source>
        <translation>请使用 https:// 地址：只有本机上的沙箱才允许使用 http://。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The marketplace address is not valid: %1</source>
        <translation>接入地址无效：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the access key (AK), without blanks.</source>
        <translation>请输入 AK，不能包含空格。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the secret key (SK).</source>
        <translation>请输入 SK。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no usable keychain on this computer, so the secret key cannot be stored. Nothing was saved; what you typed is still here.</source>
        <translation>这台电脑上没有可用的系统钥匙串，无法保存 SK。未保存任何内容，您输入的信息仍保留在此。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The profile is not valid: %1</source>
        <translation>账号信息无效：%1</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Connected: the marketplace accepted the keys.</source>
        <translation>连接成功：云商店接受了该密钥。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong key: the marketplace refused the access key or the secret key.</source>
        <translation>密钥错误：云商店拒绝了 AK 或 SK。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unreachable: no answer from %1. Check the address and the network.</source>
        <translation>无法连接：%1 没有响应。请检查地址和网络。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not https: a real marketplace must be reached over https://.</source>
        <translation>不是 https：连接真实的云商店必须使用 https://。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address is not a valid URL.</source>
        <translation>该地址不是有效的 URL。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace answered with errors; try again later.</source>
        <translation>云商店返回了错误，请稍后重试。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace refused the request.</source>
        <translation>云商店拒绝了该请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the secret key (SK) to test the connection.</source>
        <translation>请输入 SK 后再测试连接。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The secret key could not be read from the keychain.</source>
        <translation>无法从系统钥匙串读取 SK。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Edit Profile</source>
        <translation>编辑账号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New Profile</source>
        <translation>新建账号</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A profile is one KooGallery account: your seller account, or a partner (客户服务商) account. Each profile has its own local cache.</source>
        <translation>每个账号对应一个华为云云商店账号：卖家账号或客户服务商账号。每个账号都有自己的本地缓存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Endpoint:</source>
        <translation>接入地址(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Access key (AK):</source>
        <translation>AK(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Secret key (SK):</source>
        <translation>SK(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner (客户服务商)</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Shop (production)</source>
        <translation>例如：店铺（生产）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name cannot be changed later: it names the profile&apos;s cache and keychain entry.</source>
        <translation>名称创建后不能修改：它同时标识该账号的本地缓存和钥匙串条目。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Access key ID from Huawei Cloud</source>
        <translation>华为云访问密钥 ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored; leave empty to keep it</source>
        <translation>已保存；留空则保持不变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No usable keychain: the secret key cannot be stored. %1</source>
        <translation>没有可用的系统钥匙串，无法保存 SK。%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The secret key is kept in %1, never in a file, and is not shown again.</source>
        <translation>SK 保存在 %1 中，不会写入任何文件，保存后也不再显示。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Checking the system keychain…</source>
        <translation>正在检查系统钥匙串…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ProfileSwitcher</name>
    <message>
        <location filename="../../app/views/profile_switcher.py" line="+76"/>
        <source>The profiles file cannot be read.</source>
        <translation>无法读取账号配置文件。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>That profile cannot be opened.</source>
        <translation>无法打开该账号。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Delete Profile</source>
        <translation>删除账号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the profile “%1”? Its secret key is removed from the keychain. Its cache file stays on this computer.</source>
        <translation>删除账号“%1”？其 SK 将从系统钥匙串中移除，本地缓存文件仍保留在这台电脑上。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The profile could not be deleted completely.</source>
        <translation>账号未能完全删除。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;Profile:</source>
        <translation>账号(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox (built-in)</source>
        <translation>沙箱（内置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The marketplace account the console shows and syncs</source>
        <translation>控制台当前显示和同步的云商店账号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Profile…</source>
        <translation>新建账号(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit Profile…</source>
        <translation>编辑账号(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete Profile…</source>
        <translation>删除账号(&amp;D)…</translation>
    </message>
</context>
<context>
    <name>RecordDetailsDialog</name>
    <message>
        <location filename="../../app/views/record_dialogs.py" line="-72"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy All</source>
        <translation>全部复制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This record is not in the cache. Sync, then try again.</source>
        <translation>本地缓存中没有这条记录。请先同步，然后重试。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read-only: as last synced from the marketplace.</source>
        <translation>只读：显示的是上次从云商店同步的内容。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The record could not be read: %1</source>
        <translation>无法读取该记录：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Order lines</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operation log</source>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>RecordListDialog</name>
    <message>
        <location line="+98"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press Enter or double-click to open a record.</source>
        <translation>按 Enter 或双击打开记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Showing the first %1 of %2 records.</source>
        <translation>显示前 %1 条，共 %2 条记录。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing here right now.</source>
        <translation>目前没有需要处理的记录。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln record(s).</source>
        <translation>
            <numerusform>共 %Ln 条记录。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Records</name>
    <message>
        <location line="-309"/>
        <location line="+12"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Supervision task</source>
        <translation>服务监管任务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer demand</source>
        <translation>客户需求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill</source>
        <translation>账单</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Order ID</source>
        <translation>订单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order line</source>
        <translation>订单行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order type</source>
        <translation>订单类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order amount</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>付款时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer ID</source>
        <translation>客户 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customer name</source>
        <translation>客户名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Specification</source>
        <translation>规格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charging mode</source>
        <translation>计费模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product category</source>
        <translation>商品类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery type</source>
        <translation>接入类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supervision status</source>
        <translation>服务监管状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partner</source>
        <translation>客户服务商</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance ID</source>
        <translation>实例 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current node</source>
        <translation>当前节点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting on</source>
        <translation>待处理方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node since</source>
        <translation>进入节点时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting since</source>
        <translation>等待起始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Frozen by an appeal</source>
        <translation>因申诉冻结</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales scenario</source>
        <translation>销售场景</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by the buyer</source>
        <translation>买家驳回次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected by the seller</source>
        <translation>商家驳回次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Demand</source>
        <translation>需求名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned</source>
        <translation>分配时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept by</source>
        <translation>接收截止时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expected signing</source>
        <translation>预计签约日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demand type</source>
        <translation>需求类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery mode</source>
        <translation>交付方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales contact</source>
        <translation>销售联系人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sales phone</source>
        <translation>销售电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Main request</source>
        <translation>主要诉求</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>对账期次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment request no.</source>
        <translation>申付单号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expires</source>
        <translation>到期时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To node</source>
        <translation>流转至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>you (the seller)</source>
        <translation>商家（您）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the platform</source>
        <translation>平台</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../app/views/search_box.py" line="+97"/>
        <source>Find an order, task or demand (Ctrl+F)</source>
        <translation>查找订单、服务监管任务或客户需求（Ctrl+F）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search by order, task or demand ID, or by customer name or account.</source>
        <translation>可按订单号、任务号、需求编号，或客户名称、账号搜索。</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>No order, task or demand matches “%1”.</source>
        <translation>没有与“%1”匹配的订单、任务或需求。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/views/settings_dialog.py" line="+136"/>
        <source>The settings could not be saved: %1</source>
        <translation>设置未能保存：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Folders</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sync automatically every:</source>
        <translation>自动同步间隔(&amp;S)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wait for the marketplace up to:</source>
        <translation>等待云商店响应最长(&amp;W)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Automatic sync runs in the background; you can always sync with F5.</source>
        <translation>自动同步在后台进行；随时可以按 F5 手动同步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Caches:</source>
        <translation>本地缓存：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs:</source>
        <translation>日志：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings and profiles:</source>
        <translation>设置和账号配置：</translation>
    </message>
</context>
<context>
    <name>SyncFailure</name>
    <message>
        <location filename="../../app/views/sync_controller.py" line="-382"/>
        <source>The marketplace refused this profile&apos;s keys. Check the access key and the secret key, and that this computer&apos;s clock is right.</source>
        <translation>云商店拒绝了该账号的密钥。请检查 AK 和 SK，并确认这台电脑的时间准确。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace cannot be reached. You are working offline from the cache; sync again when the network is back.</source>
        <translation>无法连接云商店。您正在离线使用本地缓存；网络恢复后请重新同步。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace kept answering with errors. What was synced is kept; try again later.</source>
        <translation>云商店持续返回错误。已同步的数据会保留，请稍后重试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace refused a request. What was synced before is kept.</source>
        <translation>云商店拒绝了一个请求。此前已同步的数据会保留。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The secret key cannot be read from the system keychain.</source>
        <translation>无法从系统钥匙串读取 SK。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This profile has no secret key yet. Enter it in the profile.</source>
        <translation>该账号还没有 SK，请在账号设置中填写。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The profile&apos;s marketplace address is not valid. Correct it in the profile.</source>
        <translation>该账号的云商店接入地址无效，请在账号设置中更正。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The local cache could not be written. Nothing was lost from the marketplace.</source>
        <translation>无法写入本地缓存。云商店上的数据没有任何损失。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The sync stopped because of an unexpected problem. The details are in the log.</source>
        <translation>同步因意外问题而中止，详情请查看日志。</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location line="+399"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop the sync after the current page</source>
        <translation>在当前这一页完成后停止同步</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not synced yet</source>
        <translation>尚未同步</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline: working from the cache, last synced %1</source>
        <translation>离线：正在使用本地缓存，上次同步 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sandbox</source>
        <translation>沙箱</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You are working with the built-in sandbox marketplace: generated demo data, nothing reaches KooGallery.</source>
        <translation>您正在使用内置的沙箱云商店：数据为生成的演示数据，任何操作都不会发送到华为云云商店。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connecting to the marketplace…</source>
        <translation>正在连接云商店…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Syncing %1 (%2 of %3)</source>
        <translation>正在同步%1（第 %2/%3 项）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preparing the sandbox marketplace…</source>
        <translation>正在准备沙箱云商店…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening the cache…</source>
        <translation>正在打开本地缓存…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync cancelled; what was fetched is kept.</source>
        <translation>同步已取消；已获取的数据会保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The last sync did not finish.</source>
        <translation>上次同步未完成。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Synced: %Ln record(s) changed.</source>
        <translation>
            <numerusform>同步完成：%Ln 条记录有变化。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synced: the cache is up to date.</source>
        <translation>同步完成：本地缓存已是最新。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
</context>
</TS>
