using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReturnedTo",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SignOffDueBy",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReferralHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralHistory_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ReturnedTo",
                table: "Referrals",
                column: "ReturnedTo");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_SignOffDueBy",
                table: "Referrals",
                columns: new[] { "Status", "SignOffDueBy" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralHistory_ReferralId",
                table: "ReferralHistory",
                column: "ReferralId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReferralHistory");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ReturnedTo",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_SignOffDueBy",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ReturnedTo",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "SignOffDueBy",
                table: "Referrals");
        }
    }
}
