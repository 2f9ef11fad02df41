<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>DashboardView</name>
    <message numerus="yes">
        <location filename="../../app/views/dashboard.py" line="+376"/>
        <source>%Ln order(s)</source>
        <translation>
            <numerusform>%Ln order</numerusform>
            <numerusform>%Ln orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln supervision task(s)</source>
        <translation>
            <numerusform>%Ln supervision task</numerusform>
            <numerusform>%Ln supervision tasks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln customer demand(s)</source>
        <translation>
            <numerusform>%Ln customer demand</numerusform>
            <numerusform>%Ln customer demands</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln bill(s)</source>
        <translation>
            <numerusform>%Ln bill</numerusform>
            <numerusform>%Ln bills</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln invoice notice(s)</source>
        <translation>
            <numerusform>%Ln invoice notice</numerusform>
            <numerusform>%Ln invoice notices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message numerus="yes">
        <location filename="../../app/views/orders/view.py" line="+467"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RecordListDialog</name>
    <message numerus="yes">
        <location filename="../../app/views/record_dialogs.py" line="+352"/>
        <source>%Ln record(s).</source>
        <translation>
            <numerusform>%Ln record.</numerusform>
            <numerusform>%Ln records.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SupervisionView</name>
    <message numerus="yes">
        <location filename="../../app/views/supervision/view.py" line="+435"/>
        <source>%n task(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <location filename="../../app/views/sync_controller.py" line="+580"/>
        <source>Synced: %Ln record(s) changed.</source>
        <translation>
            <numerusform>Synced: %Ln record changed.</numerusform>
            <numerusform>Synced: %Ln records changed.</numerusform>
        </translation>
    </message>
</context>
</TS>
